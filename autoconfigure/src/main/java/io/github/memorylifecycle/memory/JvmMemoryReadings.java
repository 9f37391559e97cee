package io.github.memorylifecycle.memory;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.memorylifecycle.memory.MemorySnapshot.GarbageCollector;
import org.jspecify.annotations.Nullable;

/**
 * Reads memory figures from the JVM's management beans and, on Linux, from {@code /proc/self/status}.
 * <p>
 * The long-lived pools are the heap pools that are not young: {@code G1 Old Gen} (G1), {@code PS Old Gen}
 * (Parallel), {@code Tenured Gen} (Serial), {@code ZGC Old Generation} (generational ZGC), {@code ZHeap}
 * (single-generation ZGC), {@code Shenandoah} or {@code Shenandoah Old Gen} (Shenandoah), {@code tenured-*} (OpenJ9).
 * Their use after the last collection ({@code MemoryPoolMXBean.getCollectionUsage()}) is what survived a collection:
 * unlike the plain heap use, it does not rise and fall with allocation, so it is the figure to watch for a leak.
 */
final class JvmMemoryReadings implements MemoryReadings {

	private static final String[] YOUNG_POOL_MARKERS = { "eden", "survivor", "young", "nursery" };

	private final Clock clock;

	private final Runtime runtime = Runtime.getRuntime();

	private final MemoryMXBean memory;

	private final List<MemoryPoolMXBean> longLivedPools;

	private final List<String> longLivedPoolNames;

	private final @Nullable MemoryPoolMXBean metaspace;

	private final List<BufferPoolMXBean> bufferPools;

	private final List<GarbageCollectorMXBean> collectors;

	private final ProcessMemory process;

	JvmMemoryReadings(Clock clock) {
		this(clock, ManagementFactory.getMemoryMXBean(), ManagementFactory.getMemoryPoolMXBeans(),
				ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class),
				ManagementFactory.getGarbageCollectorMXBeans(), new ProcessMemory(ProcessMemory.SELF_STATUS));
	}

	JvmMemoryReadings(Clock clock, MemoryMXBean memory, List<MemoryPoolMXBean> pools,
			List<BufferPoolMXBean> bufferPools, List<GarbageCollectorMXBean> collectors, ProcessMemory process) {
		this.clock = clock;
		this.memory = memory;
		this.longLivedPools = pools.stream()
			.filter((pool) -> isLongLived(pool.getType(), pool.getName()) && pool.getCollectionUsage() != null)
			.toList();
		this.longLivedPoolNames = this.longLivedPools.stream().map(MemoryPoolMXBean::getName).toList();
		this.metaspace = pools.stream()
			.filter((pool) -> pool.getType() == MemoryType.NON_HEAP && "Metaspace".equals(pool.getName()))
			.findFirst()
			.orElse(null);
		this.bufferPools = List.copyOf(bufferPools);
		this.collectors = List.copyOf(collectors);
		this.process = process;
	}

	/**
	 * Tells whether a pool holds long-lived objects: a heap pool whose name does not mark it as young.
	 * @param type the pool type
	 * @param name the pool name
	 * @return whether the pool is long-lived
	 */
	static boolean isLongLived(MemoryType type, String name) {
		if (type != MemoryType.HEAP) {
			return false;
		}
		String lowerCase = name.toLowerCase(Locale.ROOT);
		for (String marker : YOUNG_POOL_MARKERS) {
			if (lowerCase.contains(marker)) {
				return false;
			}
		}
		return true;
	}

	@Override
	public double heapUsedPercent() {
		long committed = this.runtime.totalMemory();
		long used = committed - this.runtime.freeMemory();
		long max = this.runtime.maxMemory();
		return percent(used, (max > 0 && max != Long.MAX_VALUE) ? max : committed);
	}

	@Override
	public MemorySnapshot snapshot() {
		MemoryUsage heap = this.memory.getHeapMemoryUsage();
		MemoryUsage nonHeap = this.memory.getNonHeapMemoryUsage();
		Long heapMax = (heap.getMax() >= 0) ? heap.getMax() : null;
		double heapUsedPercent = round(percent(heap.getUsed(), (heapMax != null) ? heapMax : heap.getCommitted()));
		long directUsed = 0;
		long directCount = 0;
		long mappedUsed = 0;
		for (BufferPoolMXBean pool : this.bufferPools) {
			if ("direct".equals(pool.getName())) {
				directUsed += Math.max(0, pool.getMemoryUsed());
				directCount += Math.max(0, pool.getCount());
			}
			else if (pool.getName().startsWith("mapped")) {
				mappedUsed += Math.max(0, pool.getMemoryUsed());
			}
		}
		List<GarbageCollector> collectors = new ArrayList<>(this.collectors.size());
		long gcCount = 0;
		long gcTime = 0;
		for (GarbageCollectorMXBean collector : this.collectors) {
			long count = Math.max(0, collector.getCollectionCount());
			long time = Math.max(0, collector.getCollectionTime());
			collectors.add(new GarbageCollector(collector.getName(), count, time));
			gcCount += count;
			gcTime += time;
		}
		ProcessMemory.Resident resident = this.process.read();
		Long metaspaceUsed = (this.metaspace != null) ? this.metaspace.getUsage().getUsed() : null;
		return new MemorySnapshot(this.clock.instant(), heap.getUsed(), heap.getCommitted(), heapMax,
				heapUsedPercent, afterGcPercent(), this.longLivedPoolNames, nonHeap.getUsed(), metaspaceUsed,
				directUsed, directCount, mappedUsed, resident.rss(), resident.peak(), gcCount, gcTime, collectors);
	}

	private @Nullable Double afterGcPercent() {
		long used = 0;
		long capacity = 0;
		for (MemoryPoolMXBean pool : this.longLivedPools) {
			MemoryUsage afterGc = pool.getCollectionUsage();
			if (afterGc != null) {
				used += afterGc.getUsed();
				capacity += (afterGc.getMax() > 0) ? afterGc.getMax() : pool.getUsage().getCommitted();
			}
		}
		return (capacity > 0) ? round(percent(used, capacity)) : null;
	}

	private static double percent(long part, long whole) {
		return (whole > 0) ? part * 100.0 / whole : 0;
	}

	private static double round(double percent) {
		return Math.round(percent * 10) / 10.0;
	}

}
