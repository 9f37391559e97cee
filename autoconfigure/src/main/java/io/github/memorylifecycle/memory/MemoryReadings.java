package io.github.memorylifecycle.memory;

/**
 * Where the memory monitor reads its figures from. The default reads the JVM's management beans and, on Linux,
 * {@code /proc/self/status} and the process's memory cgroup; tests and unusual platforms provide their own.
 */
public interface MemoryReadings {

	/**
	 * Returns heap use as a percentage of the maximum heap. Called on every tracked operation, so it must be cheap
	 * and should not allocate.
	 * @return the percentage, from 0 to 100
	 */
	double heapUsedPercent();

	/**
	 * Returns the resident set size as a percentage of the container's memory limit. Called on every tracked
	 * operation, so it must be cheap and should not allocate: the default reading re-reads the figures at most once
	 * a second and answers from the last reading in between.
	 * @return the percentage, {@link Double#NaN} when the process has no memory limit or its resident size is unknown
	 */
	default double rssPercentOfContainerLimit() {
		return Double.NaN;
	}

	/**
	 * Takes a full snapshot. Cheap (no collection, no heap walk), but it allocates and may read a small file: call it
	 * for the endpoint and health checks, not on every request.
	 * @return the snapshot
	 */
	MemorySnapshot snapshot();

}
