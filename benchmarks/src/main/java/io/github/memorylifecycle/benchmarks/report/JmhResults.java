package io.github.memorylifecycle.benchmarks.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.memorylifecycle.benchmarks.Comparison;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JMH's JSON result files ({@code -rf json}), one per pass of the suite, and pairs each {@code baseline}
 * method with the {@code starter} method of the same class and parameters. Several short passes, each with its
 * own ratio, resist a machine whose load changes during the run better than one long pass.
 */
final class JmhResults {

	private JmhResults() {
	}

	/**
	 * Reads the result files of several passes of the same suite and merges them per comparison.
	 * @param passes one JSON file per pass
	 * @return the comparisons, in the order of the first pass
	 */
	static List<JmhComparison> read(List<Path> passes) {
		Map<String, List<double[]>> measured = new LinkedHashMap<>(); // class|params -> per pass [ns, B, ns, B]
		for (Path pass : passes) {
			readPass(pass).forEach((key, methods) -> {
				double[] baseline = methods.get("baseline");
				double[] starter = methods.get("starter");
				if (baseline != null && starter != null) { // else a class without both methods, or a filtered run
					measured.computeIfAbsent(key, (k) -> new ArrayList<>())
						.add(new double[] { baseline[0], baseline[1], starter[0], starter[1] });
				}
			});
		}
		List<JmhComparison> comparisons = new ArrayList<>();
		measured.forEach((key, values) -> {
			String className = key.substring(0, key.indexOf('|'));
			Comparison description = comparison(className);
			if (description != null) {
				comparisons.add(new JmhComparison(className.substring(className.lastIndexOf('.') + 1), description,
						key.substring(key.indexOf('|') + 1), column(values, 0), column(values, 2), column(values, 1),
						column(values, 3), values.stream().map((v) -> v[0] / v[2]).toList()));
			}
		});
		return comparisons;
	}

	private static double column(List<double[]> values, int index) {
		return Medians.median(values.stream().map((v) -> v[index]).toList());
	}

	private static Map<String, Map<String, double[]>> readPass(Path json) {
		JsonNode root = JsonMapper.builder().build().readTree(json.toFile());
		Map<String, Map<String, double[]>> pairs = new LinkedHashMap<>(); // class|params -> method -> [ns, B]
		for (JsonNode benchmark : root) {
			String fullName = benchmark.path("benchmark").asString();
			int dot = fullName.lastIndexOf('.');
			String key = fullName.substring(0, dot) + "|" + params(benchmark.path("params"));
			double nanos = Medians.median(raw(benchmark.path("primaryMetric")));
			double bytes = Medians.median(raw(benchmark.path("secondaryMetrics").path("gc.alloc.rate.norm")));
			pairs.computeIfAbsent(key, (k) -> new TreeMap<>())
				.put(fullName.substring(dot + 1), new double[] { nanos, bytes });
		}
		return pairs;
	}

	private static String params(JsonNode params) {
		List<String> pairs = new ArrayList<>();
		params.properties().forEach((entry) -> pairs.add(entry.getKey() + "=" + entry.getValue().asString()));
		return String.join(", ", pairs);
	}

	private static List<Double> raw(JsonNode metric) {
		List<Double> values = new ArrayList<>();
		for (JsonNode fork : metric.path("rawData")) {
			for (JsonNode iteration : fork) {
				values.add(iteration.asDouble());
			}
		}
		return values;
	}

	private static Comparison comparison(String className) {
		try {
			return Class.forName(className).getAnnotation(Comparison.class);
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
	}

}
