package io.github.memorylifecycle.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The wrk runs of {@code load.sh} ({@code load.tsv}): per section ({@code hello}, {@code cleanup}) and app
 * ({@code A} enabled, {@code B} disabled, {@code A2} enabled again), the medians, and the throughput ratio of two
 * apps measured in the same round. Warm-up rounds (numbered 0 and below) are left out.
 */
final class LoadResults {

	private final List<Run> runs;

	private LoadResults(List<Run> runs) {
		this.runs = runs;
	}

	static LoadResults read(Path tsv) throws IOException {
		List<Run> runs = new ArrayList<>();
		for (String line : Files.readAllLines(tsv)) {
			String[] columns = line.split("\t");
			if (columns.length == 6 && !columns[0].equals("section") && Integer.parseInt(columns[1]) > 0) {
				runs.add(new Run(columns[0], Integer.parseInt(columns[1]), columns[2], parse(columns[3]),
						parse(columns[4]), (long) parse(columns[5])));
			}
		}
		return new LoadResults(runs);
	}

	private static double parse(String value) {
		return value.isBlank() ? Double.NaN : Double.parseDouble(value);
	}

	boolean has(String section) {
		return this.runs.stream().anyMatch((run) -> run.section().equals(section));
	}

	/**
	 * Throughput of {@code app} divided by that of {@code other}, one ratio per round in which both ran.
	 */
	List<Double> ratios(String section, String app, String other) {
		Map<Integer, Double> others = new HashMap<>();
		this.runs.stream()
			.filter((run) -> run.section().equals(section) && run.app().equals(other))
			.forEach((run) -> others.put(run.round(), run.requestsPerSecond()));
		List<Double> ratios = new ArrayList<>();
		for (Run run : this.runs) {
			Double otherRate = others.get(run.round());
			if (run.section().equals(section) && run.app().equals(app) && otherRate != null) {
				ratios.add(run.requestsPerSecond() / otherRate);
			}
		}
		return ratios;
	}

	double medianRequestsPerSecond(String section, String app) {
		return Stats.median(select(section, app).stream().map(Run::requestsPerSecond).toList());
	}

	double medianP99(String section, String app) {
		return Stats.median(select(section, app).stream().map(Run::p99Millis).toList());
	}

	long errors(String section) {
		return this.runs.stream().filter((run) -> run.section().equals(section)).mapToLong(Run::errors).sum();
	}

	List<Run> select(String section, String app) {
		return this.runs.stream().filter((run) -> run.section().equals(section) && run.app().equals(app)).toList();
	}

	/**
	 * One wrk run.
	 *
	 * @param section what was requested ({@code hello} or {@code cleanup})
	 * @param round the round the run belongs to
	 * @param app which app ({@code A}, {@code B}, {@code A2})
	 * @param requestsPerSecond throughput
	 * @param p99Millis 99th percentile latency in milliseconds
	 * @param errors non-2xx responses and socket errors
	 */
	record Run(String section, int round, String app, double requestsPerSecond, double p99Millis, long errors) {
	}

}
