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

	StubMemoryReadings heapUsedPercent(double heapUsedPercent) {
		this.heapUsedPercent = heapUsedPercent;
		return this;
	}

	StubMemoryReadings afterGcPercent(@Nullable Double afterGcPercent) {
		this.afterGcPercent = afterGcPercent;
		return this;
	}

	@Override
	public double heapUsedPercent() {
		return this.heapUsedPercent;
	}

	@Override
	public MemorySnapshot snapshot() {
		return new MemorySnapshot(Instant.EPOCH, 800, 900, 1000L, this.heapUsedPercent, this.afterGcPercent,
				List.of("Test Old Gen"), 100, 50L, 10, 1, 0, 2000L, 3000L, 4, 5,
				List.of(new MemorySnapshot.GarbageCollector("Test Collector", 4, 5)));
	}

}
