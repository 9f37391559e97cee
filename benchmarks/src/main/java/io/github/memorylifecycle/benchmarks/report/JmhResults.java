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
		Map<String, List<double[][]>> measured = new LinkedHashMap<>(); // class|params -> per pass {baseline, starter}
		for (Path pass : passes) {
			readPass(pass).forEach((key, methods) -> {
				double[] baseline = methods.get("baseline");
				double[] starter = methods.get("starter");
				if (baseline != null && starter != null) { // else a class without both methods, or a filtered run
					measured.computeIfAbsent(key, (k) -> new ArrayList<>()).add(new double[][] { baseline, starter });
				}
			});
		}
		List<JmhComparison> comparisons = new ArrayList<>();
		measured.forEach((key, values) -> {
			String className = key.substring(0, key.indexOf('|'));
			Comparison description = comparison(className);
			if (description != null) {
				comparisons.add(new JmhComparison(className.substring(className.lastIndexOf('.') + 1), description,
						key.substring(key.indexOf('|') + 1), medians(values, 0), medians(values, 1),
						values.stream().map((pass) -> time(pass[0]) / time(pass[1])).toList()));
			}
		});
		return comparisons;
	}

	/** The time of one method in one pass: CPU time when measured, else wall-clock. */
	private static double time(double[] method) {
		return Double.isNaN(method[2]) ? method[0] : method[2];
	}

	private static JmhComparison.Medians medians(List<double[][]> passes, int method) {
		return new JmhComparison.Medians(Stats.median(passes.stream().map((pass) -> time(pass[method])).toList()),
				Stats.median(passes.stream().map((pass) -> pass[method][0]).toList()),
				Stats.median(passes.stream().map((pass) -> pass[method][1]).toList()));
	}

	/** Reads one pass: class|params -> method -> {wall ns, B, CPU ns}, each the median of the iterations. */
	private static Map<String, Map<String, double[]>> readPass(Path json) {
		JsonNode root = JsonMapper.builder().build().readTree(json.toFile());
		Map<String, Map<String, double[]>> pairs = new LinkedHashMap<>();
		for (JsonNode benchmark : root) {
			String fullName = benchmark.path("benchmark").asString();
			int dot = fullName.lastIndexOf('.');
			String key = fullName.substring(0, dot) + "|" + params(benchmark.path("params"));
			JsonNode secondary = benchmark.path("secondaryMetrics");
			double wall = Stats.median(raw(benchmark.path("primaryMetric")));
			double bytes = Stats.median(raw(secondary.path("gc.alloc.rate.norm")));
			double cpu = Stats.median(raw(secondary.path("cpu.time.norm")));
			pairs.computeIfAbsent(key, (k) -> new TreeMap<>())
				.put(fullName.substring(dot + 1), new double[] { wall, bytes, cpu });
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
