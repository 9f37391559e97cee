package io.github.memorylifecycle.benchmarks.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Writes {@code benchmarks/RESULTS.md} from the files that {@code benchmarks/run.sh} leaves in
 * {@code benchmarks/target/results}: machine, JMH comparisons, load comparison, soak. A stage that has never run
 * is reported as such.
 * <p>
 * Run: {@code benchmarks/run.sh} (it calls {@code ResultsReport RESULTS_DIR RESULTS.md} at the end).
 */
public final class ResultsReport {

	private static final long SOAK_TARGET_BYTES = 2L * 1024 * 1024;

	private final Path results;

	private final StringBuilder summary = new StringBuilder();

	private final StringBuilder sections = new StringBuilder();

	private ResultsReport(Path results) {
		this.results = results;
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 2) {
			throw new IllegalArgumentException("usage: ResultsReport RESULTS_DIR RESULTS_MD");
		}
		Files.writeString(Path.of(args[1]), new ResultsReport(Path.of(args[0])).render());
	}

	String render() throws IOException {
		Properties machine = properties("machine.properties");
		jmh();
		FootprintSection.render(properties("timers.properties"), properties("endpoint.properties"), this.summary,
				this.sections);
		LoadSection.render(this.results, properties("load.properties"), this.summary, this.sections);
		cpu(properties("cpu.properties"));
		soak(properties("soak.properties"));
		StringBuilder out = new StringBuilder();
		out.append("# Benchmark results\n\n");
		out.append("Rewritten by `").append(machine.getProperty("command", "benchmarks/run.sh").trim())
			.append("` on ").append(machine.getProperty("date", "?")).append(", commit ")
			.append(machine.getProperty("commit", "?")).append(". Each section says when it was measured.\n\n");
		out.append("- **Machine**: ").append(machine.getProperty("cores", "?")).append(" cores (")
			.append(machine.getProperty("cpu", "?")).append("), ").append(machine.getProperty("memory", "?"))
			.append(", ").append(machine.getProperty("os", "?")).append(", ").append(machine.getProperty("java", "?"))
			.append(". Load average (1, 5, 15 min) when the run started: ").append(machine.getProperty("loadavg", "?"))
			.append(machine.containsKey("loadavg_end") ? ", when it ended: " + machine.getProperty("loadavg_end") : "")
			.append(".\n");
		if (busy(machine)) {
			out.append("- **Shared CPU**: other processes (other engineers' builds and tests) ran on the same cores ")
				.append("during this run, so absolute times and throughputs are noisy and lower than on a quiet ")
				.append("machine. Every result is therefore compared with its baseline measured in the same run, as a ")
				.append("ratio of medians, and the load comparison carries its own A/A noise floor.\n");
		}
		out.append('\n');
		out.append("## Summary\n\n| what | target | measured | |\n|---|---|---|---|\n").append(this.summary);
		out.append("\nWhy targets are missed or not resolvable here, and what was tried: [FINDINGS.md](FINDINGS.md).\n");
		out.append(this.sections);
		out.append(NotYetMeasured.MARKDOWN);
		return out.toString();
	}

	private void jmh() throws IOException {
		List<Path> passes;
		try (Stream<Path> files = Files.list(this.results)) {
			passes = files.filter((file) -> file.getFileName().toString().matches("jmh-\\d+\\.json")).sorted().toList();
		}
		this.sections.append("\n## JMH: starter vs plain Spring, same run\n\n");
		if (passes.isEmpty()) {
			this.sections.append("Not run yet: `benchmarks/run.sh jmh`.\n");
			return;
		}
		Properties jmh = properties("jmh.properties");
		this.sections.append("Measured ").append(jmh.getProperty("date", "?")).append(": ").append(passes.size())
			.append(" passes of `java -cp ... org.openjdk.jmh.Main ").append(jmh.getProperty("args", ""))
			.append(jmh.getProperty("args", "").contains("CpuTimeProfiler")
					? "`. Times are CPU time per operation (`cpu.time.norm` of `CpuTimeProfiler`: CPU time of the "
							+ "benchmark JVM, garbage collection included), which other processes on the machine disturb "
							+ "far less than wall-clock time; the wall-clock medians are shown too. Each value is the median of "
					: "`. Times are wall-clock (the run had no CPU time profiler). Each value is the median of ")
			.append("the measurement iterations of a pass, then the median over the passes; speed = baseline time / ")
			.append("starter time per pass, then the median (1.0× is as fast, above is faster); B/op from `-prof gc` ")
			.append("(`gc.alloc.rate.norm`).\n\n")
			.append("| comparison | params | baseline ns/op | starter ns/op | added ns | speed (per pass) ")
			.append("| wall ns/op baseline / starter | baseline B/op | starter B/op | added B/op | target | |\n")
			.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		List<JmhComparison> comparisons = JmhResults.read(passes);
		StringBuilder legend = new StringBuilder();
		for (JmhComparison c : comparisons) {
			this.sections.append(Stats.format("| %s | %s | %.1f | %.1f | %+.1f | %.2f×%s | %.1f / %.1f | %.0f | %.0f | %+.0f | %s | %s |%n",
					c.name(), c.params().isEmpty() ? "" : "`" + c.params() + "`", c.baseline().nanos(),
					c.starter().nanos(), c.addedNanos(), c.speedRatio(), passes(c), c.baseline().wallNanos(),
					c.starter().wallNanos(), c.baseline().bytes(), c.starter().bytes(), c.addedBytes(),
					c.description().target(), verdict(c.met())));
			String speed = (c.description().minSpeedRatio() > 0) ? Stats.format("%.2f× speed, ", c.speedRatio())
					: (c.description().maxStarterNanos() > 0) ? Stats.format("%.1f ms (wall %.1f ms), ",
							c.starter().nanos() / 1e6, c.starter().wallNanos() / 1e6) : "";
			this.summary.append(Stats.format("| %s%s (JMH) | %s | %s%+.1f ns, %+.0f B/op | %s |%n",
					c.description().title(), c.params().isEmpty() ? "" : ", `" + c.params() + "`",
					c.description().target(), speed, c.addedNanos(), c.addedBytes(), verdict(c.met())));
			if (legend.indexOf(c.name() + "`") < 0) {
				legend.append("- `").append(c.name()).append("`: ").append(c.description().title().toLowerCase())
					.append(". Baseline: ").append(c.description().baseline()).append(". Starter: ")
					.append(c.description().starter()).append(".\n");
			}
		}
		this.sections.append('\n').append(legend);
	}

	private void soak(Properties soak) {
		this.sections.append("\n## Soak: after-GC heap over 200 000 requests\n\n");
		if (soak.isEmpty()) {
			this.sections.append("Not run yet: `benchmarks/run.sh soak`.\n");
			return;
		}
		long before = Long.parseLong(soak.getProperty("heap_before"));
		long after = Long.parseLong(soak.getProperty("heap_after"));
		long growth = after - before;
		boolean met = growth < SOAK_TARGET_BYTES && "0".equals(soak.getProperty("errors"));
		this.sections.append("Measured ").append(soak.getProperty("date")).append(": ")
			.append(soak.getProperty("app")).append(", `").append(soak.getProperty("wrk")).append("` on ")
			.append(soak.getProperty("endpoints")).append(" after a warm-up of ").append(soak.getProperty("warmup_requests"))
			.append(" requests. Heap = `jvm.memory.used?tag=area:heap` right after `jcmd <pid> GC.run`, lowest of ")
			.append("three readings.\n\n| requests | seconds | errors | heap before | heap after | growth | target | |\n")
			.append("|---|---|---|---|---|---|---|---|\n")
			.append(Stats.format("| %s | %s | %s | %s | %s | %s | < 2 MB | %s |%n", soak.getProperty("requests"),
					soak.getProperty("seconds"), soak.getProperty("errors"), mib(before), mib(after), signedMib(growth),
					verdict(met)))
			.append("\nOpen request buffers after the soak (`/hello/open-buffers`, 0 when every cleanup ran): ")
			.append(soak.getProperty("open_buffers")).append(".\n");
		leaky(soak);
		this.summary.append(Stats.format("| Soak: after-GC heap growth over %s requests | < 2 MB | %s | %s |%n",
				soak.getProperty("requests"), signedMib(growth), verdict(met)));
	}

	private void leaky(Properties soak) {
		if (!soak.containsKey("leaky.1.endpoint")) {
			return;
		}
		this.sections.append("\nThe same app, then, on each leaky endpoint of the sample from a reset (`POST /leaks/reset`), ")
			.append("the after-GC heap before and after, and what `/actuator/memory-lifecycle` reports once the leak ")
			.append("watcher has decided (the sample watches every object, decides after 2 s; a suspect group follows at ")
			.append("most 64 of its objects, so \"still retained\" stops at 64; wrk sends a few requests past its count):\n\n")
			.append("| leaky endpoint | requests | errors | heap growth | leak suspects (followed, still retained) | suspect groups | live timers ")
			.append("| runtime listeners | non-empty caches | report |\n|---|---|---|---|---|---|---|---|---|---|\n");
		for (int i = 1; soak.containsKey("leaky." + i + ".endpoint"); i++) {
			String key = "leaky." + i + ".";
			long leakGrowth = Long.parseLong(soak.getProperty(key + "heap_after"))
					- Long.parseLong(soak.getProperty(key + "heap_before"));
			this.sections.append(Stats.format("| `%s` | %s | %s | %s | %s | %s | %s | %s | %s | `target/results/%s` |%n",
					soak.getProperty(key + "endpoint"), soak.getProperty(key + "requests"),
					soak.getProperty(key + "errors"), signedMib(leakGrowth),
					soak.getProperty(key + "leaks_suspected", "?") + " (" + soak.getProperty(key + "leaks_retained", "?") + ")",
					soak.getProperty(key + "leak_kinds", ""), soak.getProperty(key + "timers_live", "?"),
					soak.getProperty(key + "listeners_live", "?"), soak.getProperty(key + "caches", ""),
					soak.getProperty(key + "report")));
		}
		this.summary.append("| Soak on the sample's leaky endpoints | growth shown and reported by the starter | ")
			.append("see the soak section | shown |\n");
	}

	private static String passes(JmhComparison comparison) {
		if (comparison.passRatios().size() < 2) {
			return "";
		}
		StringBuilder passes = new StringBuilder(" (");
		for (double ratio : comparison.passRatios()) {
			passes.append((passes.length() > 2) ? " " : "").append(Stats.format("%.2f", ratio));
		}
		return passes.append(')').toString();
	}

	/** Whether the one-minute load average before the run (before its build) shows other work on the machine. */
	private static boolean busy(Properties machine) {
		String loadAverage = machine.getProperty("loadavg", "").trim();
		return !loadAverage.isEmpty() && Double.parseDouble(loadAverage.split(" ")[0]) > 1.5;
	}

	static String verdict(boolean met) {
		return met ? "met" : "**missed**";
	}

	private static String mib(long bytes) {
		return Stats.format("%.2f MB", bytes / 1048576.0);
	}

	private void cpu(Properties cpu) throws IOException {
		this.sections.append("\n## CPU time per request of the server: starter vs plain, A/A, calibration\n\n");
		Path summary = this.results.resolve("cpu-summary.txt");
		if (!Files.exists(summary)) {
			this.sections.append("Not run yet: `benchmarks/run.sh cpu`.\n");
			return;
		}
		this.sections.append("Measured ").append(cpu.getProperty("date", "?")).append(": ")
			.append(cpu.getProperty("rounds", "?")).append("; ").append(cpu.getProperty("wrk", "?"))
			.append("; the calibration app burns more per request (").append(cpu.getProperty("burn_ns", "?"))
			.append("). A ratio is CPU per request of the first app over the second, within a "
					+ "round; 1.010 means 1 % more CPU. The method resolves a cost when the calibration's median is "
					+ "clearly above 1 and the A/A pair's spread stays within about ±1 %.\n\n```\n")
			.append(Files.readString(summary))
			.append("```\n");
		for (CpuSummary.Section section : CpuSummary.parse(Files.readString(summary))) {
			this.summary.append("| CPU per request: ").append(CpuSummary.describe(section.section()))
				.append(Stats.format(" (A/A %.4f (IQR %.4f–%.4f); calibration %.4f for an expected %.4f)",
						section.aa()[0], section.aa()[1], section.aa()[2], section.calibration()[0],
						section.expected()))
				.append(" | ≤ 1.01, with a method that resolves 1 % | ")
				.append(Stats.format("%.4f (IQR %.4f–%.4f)", section.starter()[0], section.starter()[1],
						section.starter()[2]))
				.append(" | ").append(section.verdict()).append(" |\n");
		}
	}

	private static String signedMib(long bytes) {
		return Stats.format("%+.2f MB (%+d B)", bytes / 1048576.0, bytes);
	}

	Properties properties(String name) throws IOException {
		Properties properties = new Properties();
		Path file = this.results.resolve(name);
		if (Files.exists(file)) {
			try (Reader reader = Files.newBufferedReader(file)) {
				properties.load(reader);
			}
		}
		return properties;
	}

}
