package io.github.memorylifecycle.memory;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The memory figures of the running JVM at one instant: heap, non-heap and process memory, plus what a JVM
 * operator needs to tell a leak from a busy heap (use of the long-lived pools after the last collection).
 * <p>
 * Bytes are plain numbers; a figure the JVM or the operating system does not expose is {@code null}. Taking a
 * snapshot never triggers a collection and never walks the heap.
 *
 * @param takenAt when the snapshot was taken
 * @param heapUsed heap bytes in use, live and not yet collected
 * @param heapCommitted heap bytes the JVM holds from the operating system
 * @param heapMax heap bytes the JVM may grow to, {@code null} when unbounded
 * @param heapUsedPercent {@code heapUsed} as a percentage of {@code heapMax} (of {@code heapCommitted} when there is
 * no maximum), one decimal
 * @param afterGcPercent bytes of the long-lived pools still in use after their last collection, as a percentage of
 * their maximum, one decimal; {@code null} when no long-lived pool reports it (no collection yet counts as zero)
 * @param longLivedPools names of the pools {@code afterGcPercent} is computed from, for example {@code G1 Old Gen}
 * @param nonHeapUsed non-heap bytes in use: metaspace, code cache, compressed class space
 * @param metaspaceUsed metaspace bytes in use, {@code null} when the JVM has no pool named Metaspace
 * @param directBufferUsed bytes of direct {@code ByteBuffer}s (outside the heap)
 * @param directBufferCount number of direct {@code ByteBuffer}s
 * @param mappedBufferUsed bytes of memory-mapped files
 * @param rss resident set size of the process (Linux {@code VmRSS}), {@code null} elsewhere
 * @param rssPeak peak resident set size of the process (Linux {@code VmHWM}), {@code null} elsewhere
 * @param gcCount collections reported by all collectors since start
 * @param gcTimeMillis milliseconds spent in collections as reported by all collectors since start
 * @param garbageCollectors the same figures per collector
 */
public record MemorySnapshot(Instant takenAt, long heapUsed, long heapCommitted, @Nullable Long heapMax,
		double heapUsedPercent, @Nullable Double afterGcPercent, List<String> longLivedPools, long nonHeapUsed,
		@Nullable Long metaspaceUsed, long directBufferUsed, long directBufferCount, long mappedBufferUsed,
		@Nullable Long rss, @Nullable Long rssPeak, long gcCount, long gcTimeMillis,
		List<GarbageCollector> garbageCollectors) {

	/**
	 * Creates a snapshot; lists are copied.
	 */
	public MemorySnapshot {
		longLivedPools = List.copyOf(longLivedPools);
		garbageCollectors = List.copyOf(garbageCollectors);
	}

	/**
	 * Collections of one collector since start. Concurrent collectors (ZGC, Shenandoah, G1's concurrent cycle)
	 * report their cycles and their pauses as two collectors.
	 *
	 * @param name collector name, for example {@code G1 Young Generation}
	 * @param count collections since start
	 * @param timeMillis milliseconds spent since start
	 */
	public record GarbageCollector(String name, long count, long timeMillis) {
	}

}
