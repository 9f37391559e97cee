package io.github.memorylifecycle.benchmarks.report;

import java.util.List;

import io.github.memorylifecycle.benchmarks.Comparison;

/**
 * One JMH comparison (one benchmark class, one parameter set) over one or more passes of the suite: the medians
 * of the baseline and starter methods, and the median of the per-pass speed ratios.
 *
 * @param name simple name of the benchmark class
 * @param description the class's {@link Comparison}
 * @param params the JMH parameters, as {@code name=value}, or empty
 * @param baselineNanos median time of the baseline, ns/op
 * @param starterNanos median time of the starter, ns/op
 * @param baselineBytes median allocation of the baseline, B/op
 * @param starterBytes median allocation of the starter, B/op
 * @param passRatios speed ratio (baseline time / starter time) of each pass
 */
record JmhComparison(String name, Comparison description, String params, double baselineNanos,
		double starterNanos, double baselineBytes, double starterBytes, List<Double> passRatios) {

	/** Allocation differences below this are JMH's measurement noise, not an allocation. */
	private static final double BYTE_NOISE = 0.5;

	/**
	 * Speed of the starter relative to the baseline: 1.0 is as fast, above is faster.
	 * @return the median over the passes of baseline time divided by starter time
	 */
	double speedRatio() {
		return Medians.median(this.passRatios);
	}

	double addedNanos() {
		return this.starterNanos - this.baselineNanos;
	}

	double addedBytes() {
		double added = this.starterBytes - this.baselineBytes;
		return (Math.abs(added) < BYTE_NOISE) ? 0 : added;
	}

	boolean met() {
		boolean fastEnough = this.speedRatio() >= this.description.minSpeedRatio();
		double maxAddedBytes = this.description.maxAddedBytes();
		boolean smallEnough = maxAddedBytes < 0 || addedBytes() <= maxAddedBytes;
		return fastEnough && smallEnough;
	}

}
