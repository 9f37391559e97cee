package io.github.memorylifecycle.benchmarks.report;

import java.util.Properties;

/**
 * The measures of {@code benchmarks/run.sh jmh} that are not JMH comparisons: bytes retained per live timer
 * ({@code TimerFootprint}, {@code timers.properties}) and the size of the endpoint document written by the setup of
 * {@code EndpointDocumentBenchmark} ({@code endpoint.properties}).
 */
final class FootprintSection {

	static final double TIMER_TARGET_BYTES = 200;

	/** Largest accepted document at the largest list limit: far below listing every one of 110 000 items. */
	static final long DOCUMENT_TARGET_BYTES = 1024 * 1024;

	private FootprintSection() {
	}

	static void render(Properties timers, Properties endpoint, StringBuilder summary, StringBuilder sections) {
		sections.append("\n## Footprint: live timers, endpoint document size\n\n");
		if (timers.isEmpty()) {
			sections.append("Bytes per live timer not measured yet: `benchmarks/run.sh jmh`.\n");
		}
		else {
			double added = Double.parseDouble(timers.getProperty("added_bytes_per_timer"));
			boolean met = added <= TIMER_TARGET_BYTES;
			sections.append("Measured ").append(timers.getProperty("date", "?")).append(" by `TimerFootprint` (")
				.append(timers.getProperty("jvm")).append("): after-GC heap with ").append(timers.getProperty("timers"))
				.append(" timers scheduled 1 h ahead (futures kept, one shared task) minus the heap before, divided by the ")
				.append("number of timers; median of ").append(timers.getProperty("rounds"))
				.append(" rounds per side.\n\n| raw ThreadPoolTaskScheduler | TrackedTaskScheduler | added per timer | target | |\n")
				.append("|---|---|---|---|---|\n")
				.append(Stats.format("| %s B | %s B | %+.1f B | ≤ 200 B added | %s |%n",
						timers.getProperty("raw_bytes_per_timer"), timers.getProperty("tracked_bytes_per_timer"), added,
						ResultsReport.verdict(met)));
			summary.append(Stats.format("| Bytes retained per live timer, tracked minus raw | ≤ 200 B added | %+.1f B (%s B vs %s B) | %s |%n",
					added, timers.getProperty("tracked_bytes_per_timer"), timers.getProperty("raw_bytes_per_timer"),
					ResultsReport.verdict(met)));
		}
		if (endpoint.isEmpty()) {
			sections.append("\nEndpoint document size not measured yet: `benchmarks/run.sh jmh`.\n");
			return;
		}
		long full = Long.parseLong(endpoint.getProperty("full_bytes"));
		long fullMax = Long.parseLong(endpoint.getProperty("full_bytes_max_limit"));
		boolean met = fullMax <= DOCUMENT_TARGET_BYTES;
		sections.append("\nEndpoint document (JSON of `MemoryLifecycleEndpoint.document`, parts: ")
			.append(endpoint.getProperty("parts")).append(") with ").append(endpoint.getProperty("timers"))
			.append(" live timers and ").append(endpoint.getProperty("listeners"))
			.append(" runtime listeners: lists are capped, so its size depends on the list limit, not on how many ")
			.append("things are live.\n\n| no timers or listeners | full, default limit | full, `limit=")
			.append(endpoint.getProperty("max_limit")).append("` (largest allowed) | target | |\n|---|---|---|---|---|\n")
			.append(Stats.format("| %s B | %d B | %d B | bounded by the list limit (≤ 1 MB at the largest) | %s |%n",
					endpoint.getProperty("empty_bytes"), full, fullMax, ResultsReport.verdict(met)));
		summary.append(Stats.format("| Endpoint document size with 100 000 timers and 10 000 listeners | bounded by the list limit | %.1f KB (default limit), %.1f KB (limit %s) | %s |%n",
				full / 1024.0, fullMax / 1024.0, endpoint.getProperty("max_limit"), ResultsReport.verdict(met)));
	}

}
