package io.github.memorylifecycle.benchmarks.report;

/**
 * What the suite does not measure on its own, printed at the end of the report.
 */
final class NotYetMeasured {

	static final String MARKDOWN = """

			## Not measured separately

			- Leak watching: `RequestLeakWatchBenchmark` reports the average over sampled and unsampled scopes at the
			  default sample rate (0.05); the cost of an unsampled scope alone (one random draw, no allocation by
			  design) is not isolated.
			- Load and soak use the sample app and a minimal app; the JMH comparisons use the starter's classes
			  directly or a minimal context, as each benchmark's javadoc says.
			""";

	private NotYetMeasured() {
	}

}
