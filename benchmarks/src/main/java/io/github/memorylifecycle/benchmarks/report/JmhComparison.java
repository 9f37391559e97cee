package io.github.memorylifecycle.benchmarks.report;

import io.github.memorylifecycle.benchmarks.Comparison;

/**
 * One JMH comparison (one benchmark class, one parameter set): the medians of the baseline and starter methods.
 *
 * @param name simple name of the benchmark class
 * @param description the class's {@link Comparison}
 * @param params the JMH parameters, as {@code name=value}, or empty
 * @param baselineNanos median time of the baseline, ns/op
 * @param starterNanos median time of the starter, ns/op
 * @param baselineBytes median allocation of the baseline, B/op
 * @param starterBytes median allocation of the starter, B/op
 */
record JmhComparison(String name, Comparison description, String params, double baselineNanos,
		double starterNanos, double baselineBytes, double starterBytes) {

	/** Allocation differences below this are JMH's measurement noise, not an allocation. */
	private static final double BYTE_NOISE = 0.5;

	/**
	 * Speed of the starter relative to the baseline: 1.0 is as fast, above is faster.
	 * @return baseline time divided by starter time
	 */
	double speedRatio() {
		return this.baselineNanos / this.starterNanos;
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
