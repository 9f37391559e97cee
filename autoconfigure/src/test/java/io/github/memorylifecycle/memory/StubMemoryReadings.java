package io.github.memorylifecycle.memory;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Memory readings a test sets by hand.
 */
final class StubMemoryReadings implements MemoryReadings {

	private volatile double heapUsedPercent;

	private volatile @Nullable Double afterGcPercent;

	private volatile long rss = 2000;

	private volatile @Nullable Long containerLimit;

	StubMemoryReadings heapUsedPercent(double heapUsedPercent) {
		this.heapUsedPercent = heapUsedPercent;
		return this;
	}

	StubMemoryReadings afterGcPercent(@Nullable Double afterGcPercent) {
		this.afterGcPercent = afterGcPercent;
		return this;
	}

	/**
	 * Puts the process in a container.
	 * @param rss resident bytes
	 * @param limit the container's limit
	 * @return this
	 */
	StubMemoryReadings container(long rss, long limit) {
		this.rss = rss;
		this.containerLimit = limit;
		return this;
	}

	@Override
	public double rssPercentOfContainerLimit() {
		Long limit = this.containerLimit;
		return (limit != null) ? Math.round(this.rss * 1000.0 / limit) / 10.0 : Double.NaN;
	}

	@Override
	public double heapUsedPercent() {
		return this.heapUsedPercent;
	}

	@Override
	public MemorySnapshot snapshot() {
		Long limit = this.containerLimit;
		Double rssPercent = (limit != null) ? rssPercentOfContainerLimit() : null;
		return new MemorySnapshot(Instant.EPOCH, 800, 900, 1000L, this.heapUsedPercent, this.afterGcPercent,
				List.of("Test Old Gen"), 100, 50L, 10, 1, 0, this.rss, 3000L, (limit != null) ? 900L : null, limit,
				rssPercent, (limit != null) ? 90.0 : null, null, 4, 5,
				List.of(new MemorySnapshot.GarbageCollector("Test Collector", 4, 5)));
	}

}
