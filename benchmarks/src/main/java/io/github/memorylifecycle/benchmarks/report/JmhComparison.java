package io.github.memorylifecycle.benchmarks.report;

import java.util.List;

import io.github.memorylifecycle.benchmarks.Comparison;

/**
 * One JMH comparison (one benchmark class, one parameter set) over one or more passes of the suite: medians of
 * the baseline and starter methods, and the median of the per-pass speed ratios. Times are CPU time per
 * operation ({@code cpu.time.norm}) when the run had the CPU time profiler, wall-clock time otherwise.
 *
 * @param name simple name of the benchmark class
 * @param description the class's {@link Comparison}
 * @param params the JMH parameters, as {@code name=value}, or empty
 * @param baseline medians of the baseline method
 * @param starter medians of the starter method
 * @param passRatios speed ratio (baseline time / starter time) of each pass
 */
record JmhComparison(String name, Comparison description, String params, Medians baseline, Medians starter,
		List<Double> passRatios) {

	/** Allocation differences below this are JMH's measurement noise, not an allocation. */
	private static final double BYTE_NOISE = 0.5;

	/**
	 * Speed of the starter relative to the baseline: 1.0 is as fast, above is faster.
	 * @return the median over the passes of baseline time divided by starter time
	 */
	double speedRatio() {
		return Stats.median(this.passRatios);
	}

	double addedNanos() {
		return this.starter.nanos() - this.baseline.nanos();
	}

	double addedBytes() {
		double added = this.starter.bytes() - this.baseline.bytes();
		return (Math.abs(added) < BYTE_NOISE) ? 0 : added;
	}

	boolean met() {
		boolean fastEnough = speedRatio() >= this.description.minSpeedRatio();
		double maxAddedBytes = this.description.maxAddedBytes();
		boolean smallEnough = maxAddedBytes < 0 || addedBytes() <= maxAddedBytes;
		double maxNanos = this.description.maxStarterNanos();
		boolean quickEnough = maxNanos < 0 || this.starter.nanos() <= maxNanos;
		return fastEnough && smallEnough && quickEnough;
	}

	/**
	 * Medians of one benchmark method over the passes.
	 *
	 * @param nanos time per operation: CPU time if measured, else wall-clock
	 * @param wallNanos wall-clock time per operation
	 * @param bytes allocation per operation
	 */
	record Medians(double nanos, double wallNanos, double bytes) {
	}

}
