package io.github.memorylifecycle.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The load comparison's part of the report: medians per app, per-round throughput ratios (A/B for the starter's
 * cost, A/A as the noise floor) and p99 latencies.
 */
final class LoadSection {

	static final double TARGET = 0.98;

	private LoadSection() {
	}

	static void render(Path results, Properties load, StringBuilder summary, StringBuilder sections)
			throws IOException {
		sections.append("\n## Load on loopback: starter enabled vs disabled (wrk)\n\n");
		Path tsv = results.resolve("load.tsv");
		if (!Files.exists(tsv)) {
			sections.append("Not run yet: `benchmarks/run.sh load`.\n");
			return;
		}
		LoadResults runs = LoadResults.read(tsv);
		sections.append("Measured ").append(load.getProperty("date", "?")).append(": ")
			.append(load.getProperty("app", "?")).append(", started three times on 127.0.0.1 with `")
			.append(load.getProperty("jvm_options", "")).append("`: **A** = starter enabled, **B** = ")
			.append("`--memory.lifecycle.enabled=false`, **A2** = enabled again (the A/A noise floor). After a ")
			.append("warm-up (").append(load.getProperty("warmup", "?")).append("), `")
			.append(load.getProperty("wrk", "wrk")).append("` runs alternate within each round (order reversed ")
			.append("every other round); throughput ratios are taken per round, then their median.\n\n")
			.append("| path | rounds | A req/s | B req/s | A2 req/s | A/B ratio: median (min–max) | A/A ratio: median ")
			.append("(min–max) | p99 A | p99 B | p99 A2 | errors | target | |\n")
			.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		row("hello", "`/hello` (registers nothing)", runs, summary, sections);
		row("cleanup", "`/hello/cleanup` (one cleanup: starter registry on A, Spring destruction callback on B)",
				runs, summary, sections);
		sections.append("\nPer-round A/B ratios on `/hello`: ").append(list(runs.ratios("hello", "A", "B")))
			.append("; A/A: ").append(list(runs.ratios("hello", "A", "A2"))).append(". On `/hello/cleanup`, A/B: ")
			.append(list(runs.ratios("cleanup", "A", "B"))).append(". Cleanups run at the end: A ")
			.append(load.getProperty("cleanups_run_A", "?")).append(", B ").append(load.getProperty("cleanups_run_B", "?"))
			.append(" (every `/hello/cleanup` request's cleanup ran).\n");
	}

	private static void row(String section, String label, LoadResults runs, StringBuilder summary,
			StringBuilder sections) {
		if (!runs.has(section)) {
			return;
		}
		List<Double> ab = runs.ratios(section, "A", "B");
		List<Double> aa = runs.ratios(section, "A", "A2");
		double abMedian = Stats.median(ab);
		boolean met = abMedian >= TARGET && runs.errors(section) == 0;
		sections.append(Stats.format("| %s | %d | %.0f | %.0f | %s | %s | %s | %.2f ms | %.2f ms | %s | %d | ≥ %.2f | %s |%n",
				label, ab.size(), runs.medianRequestsPerSecond(section, "A"), runs.medianRequestsPerSecond(section, "B"),
				aa.isEmpty() ? "" : Stats.format("%.0f", runs.medianRequestsPerSecond(section, "A2")), range(ab),
				aa.isEmpty() ? "" : range(aa), runs.medianP99(section, "A"), runs.medianP99(section, "B"),
				aa.isEmpty() ? "" : Stats.format("%.2f ms", runs.medianP99(section, "A2")), runs.errors(section),
				TARGET, ResultsReport.verdict(met)));
		String noise = aa.isEmpty() ? ""
				: Stats.format(" (A/A: %s)", range(aa));
		summary.append(Stats.format("| Load: %s, throughput enabled / disabled%s | ≥ %.2f | %.3f; p99 %.2f vs %.2f ms | %s |%n",
				label, noise, TARGET, abMedian, runs.medianP99(section, "A"), runs.medianP99(section, "B"),
				ResultsReport.verdict(met)));
	}

	private static String range(List<Double> ratios) {
		double min = ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
		double max = ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
		return Stats.format("%.3f (%.3f–%.3f)", Stats.median(ratios), min, max);
	}

	private static String list(List<Double> ratios) {
		return ratios.stream().map((ratio) -> Stats.format("%.3f", ratio)).collect(Collectors.joining(" "));
	}

}
