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
 * @param workingSet memory of the process's cgroup that the kernel cannot simply drop: its use minus the inactive
 * file cache, what the kubelet and {@code kubectl top} report; {@code null} outside a memory cgroup
 * @param containerLimit memory limit of the process's cgroup (v2 {@code memory.max}, v1
 * {@code memory.limit_in_bytes}), where the kernel kills the process; {@code null} when there is no limit
 * @param rssPercentOfContainerLimit {@code rss} as a percentage of {@code containerLimit}, one decimal;
 * {@code null} when either is unknown
 * @param workingSetPercentOfContainerLimit {@code workingSet} as a percentage of {@code containerLimit}, one decimal;
 * {@code null} when either is unknown
 * @param residentAttribution where resident memory goes, as far as the JVM says cheaply
 * @param gcCount collections reported by all collectors since start
 * @param gcTimeMillis milliseconds spent in collections as reported by all collectors since start
 * @param garbageCollectors the same figures per collector
 */
public record MemorySnapshot(Instant takenAt, long heapUsed, long heapCommitted, @Nullable Long heapMax,
		double heapUsedPercent, @Nullable Double afterGcPercent, List<String> longLivedPools, long nonHeapUsed,
		@Nullable Long metaspaceUsed, long directBufferUsed, long directBufferCount, long mappedBufferUsed,
		@Nullable Long rss, @Nullable Long rssPeak, @Nullable Long workingSet, @Nullable Long containerLimit,
		@Nullable Double rssPercentOfContainerLimit, @Nullable Double workingSetPercentOfContainerLimit,
		@Nullable ResidentAttribution residentAttribution, long gcCount, long gcTimeMillis,
		List<GarbageCollector> garbageCollectors) {

	/**
	 * Creates a snapshot; lists are copied.
	 */
	public MemorySnapshot {
		longLivedPools = List.copyOf(longLivedPools);
		garbageCollectors = List.copyOf(garbageCollectors);
	}

	/**
	 * Creates a snapshot without container figures or attribution, as readings outside a container give it.
	 * @param takenAt when the snapshot was taken
	 * @param heapUsed heap bytes in use
	 * @param heapCommitted heap bytes held from the operating system
	 * @param heapMax heap bytes the JVM may grow to
	 * @param heapUsedPercent {@code heapUsed} in percent of {@code heapMax}
	 * @param afterGcPercent after-GC use of the long-lived pools in percent
	 * @param longLivedPools names of the long-lived pools
	 * @param nonHeapUsed non-heap bytes in use
	 * @param metaspaceUsed metaspace bytes in use
	 * @param directBufferUsed bytes of direct buffers
	 * @param directBufferCount number of direct buffers
	 * @param mappedBufferUsed bytes of mapped files
	 * @param rss resident set size
	 * @param rssPeak peak resident set size
	 * @param gcCount collections since start
	 * @param gcTimeMillis milliseconds of collections since start
	 * @param garbageCollectors figures per collector
	 */
	public MemorySnapshot(Instant takenAt, long heapUsed, long heapCommitted, @Nullable Long heapMax,
			double heapUsedPercent, @Nullable Double afterGcPercent, List<String> longLivedPools, long nonHeapUsed,
			@Nullable Long metaspaceUsed, long directBufferUsed, long directBufferCount, long mappedBufferUsed,
			@Nullable Long rss, @Nullable Long rssPeak, long gcCount, long gcTimeMillis,
			List<GarbageCollector> garbageCollectors) {
		this(takenAt, heapUsed, heapCommitted, heapMax, heapUsedPercent, afterGcPercent, longLivedPools, nonHeapUsed,
				metaspaceUsed, directBufferUsed, directBufferCount, mappedBufferUsed, rss, rssPeak, null, null, null,
				null, null, gcCount, gcTimeMillis, garbageCollectors);
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

	/**
	 * Where resident memory goes, from figures the JVM gives without a heap walk: a first answer to "the heap is at
	 * 40 % but the container is at 95 %". Thread stacks are an upper bound (a stack is reserved whole, touched in
	 * part); Native Memory Tracking's total, when it is on, is the JVM's own full account.
	 *
	 * @param heapCommitted heap bytes held from the operating system
	 * @param metaspaceCommitted metaspace bytes committed (class metadata), {@code null} without a Metaspace pool
	 * @param codeCacheCommitted bytes committed to compiled code
	 * @param threads live Java threads
	 * @param threadStackSize stack size of a Java thread, {@code null} when left to the operating system
	 * @param threadStacks {@code threads} times {@code threadStackSize}, an upper bound; {@code null} with it
	 * @param directBuffers capacity of direct {@code ByteBuffer}s
	 * @param mappedBuffers capacity of memory-mapped files
	 * @param nmtCommitted committed total of Native Memory Tracking, {@code null} unless the JVM runs with
	 * {@code -XX:NativeMemoryTracking=summary}
	 * @param unattributed resident bytes the figures above leave unexplained (native libraries, malloc arenas, GC
	 * and compiler structures); zero when they explain more than is resident (committed heap not touched yet);
	 * {@code null} when the resident size is unknown
	 */
	public record ResidentAttribution(long heapCommitted, @Nullable Long metaspaceCommitted, long codeCacheCommitted,
			int threads, @Nullable Long threadStackSize, @Nullable Long threadStacks, long directBuffers,
			long mappedBuffers, @Nullable Long nmtCommitted, @Nullable Long unattributed) {
	}

}
