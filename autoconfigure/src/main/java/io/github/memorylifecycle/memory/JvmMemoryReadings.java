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
import java.util.concurrent.atomic.AtomicLong;

import io.github.memorylifecycle.memory.MemorySnapshot.GarbageCollector;
import io.github.memorylifecycle.memory.MemorySnapshot.ResidentAttribution;
import org.jspecify.annotations.Nullable;

/**
 * Reads memory figures from the JVM's management beans and, on Linux, from {@code /proc/self/status} and the
 * process's memory cgroup ({@link ContainerMemory}).
 * <p>
 * The long-lived pools are the heap pools that are not young: {@code G1 Old Gen} (G1), {@code PS Old Gen}
 * (Parallel), {@code Tenured Gen} (Serial), {@code ZGC Old Generation} (generational ZGC), {@code ZHeap}
 * (single-generation ZGC), {@code Shenandoah} or {@code Shenandoah Old Gen} (Shenandoah), {@code tenured-*} (OpenJ9).
 * Their use after the last collection ({@code MemoryPoolMXBean.getCollectionUsage()}) is what survived a collection:
 * unlike the plain heap use, it does not rise and fall with allocation, so it is the figure to watch for a leak.
 */
final class JvmMemoryReadings implements MemoryReadings {

	private static final String[] YOUNG_POOL_MARKERS = { "eden", "survivor", "young", "nursery" };

	/**
	 * How long {@link #rssPercentOfContainerLimit()} answers from its last reading.
	 */
	static final long RESIDENT_REFRESH_MILLIS = 1000;

	private static final long NEVER_READ = Long.MIN_VALUE;

	private final Clock clock;

	private final Runtime runtime = Runtime.getRuntime();

	private final MemoryMXBean memory;

	private final List<MemoryPoolMXBean> longLivedPools;

	private final List<String> longLivedPoolNames;

	private final @Nullable MemoryPoolMXBean metaspace;

	private final List<BufferPoolMXBean> bufferPools;

	private final List<GarbageCollectorMXBean> collectors;

	private final ProcessMemory process;

	private final ContainerMemory container;

	private final NativeMemoryReadings nativeMemory;

	private final AtomicLong residentReadAt = new AtomicLong(NEVER_READ);

	private volatile double rssPercentOfContainerLimit = Double.NaN;

	JvmMemoryReadings(Clock clock) {
		this(clock, ContainerMemory.ofThisProcess());
	}

	JvmMemoryReadings(Clock clock, ContainerMemory container) {
		this(clock, ManagementFactory.getMemoryMXBean(), ManagementFactory.getMemoryPoolMXBeans(),
				ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class),
				ManagementFactory.getGarbageCollectorMXBeans(), new ProcessMemory(ProcessMemory.SELF_STATUS),
				container);
	}

	JvmMemoryReadings(Clock clock, MemoryMXBean memory, List<MemoryPoolMXBean> pools,
			List<BufferPoolMXBean> bufferPools, List<GarbageCollectorMXBean> collectors, ProcessMemory process,
			ContainerMemory container) {
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
		this.container = container;
		this.nativeMemory = new NativeMemoryReadings(pools);
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

	/**
	 * Answers from the last reading, taken at most {@value #RESIDENT_REFRESH_MILLIS} ms ago by the clock: between
	 * readings this allocates nothing. Outside a memory cgroup nothing is ever read.
	 */
	@Override
	public double rssPercentOfContainerLimit() {
		if (!this.container.present()) {
			return Double.NaN;
		}
		long now = this.clock.millis();
		long readAt = this.residentReadAt.get();
		boolean stale = readAt == NEVER_READ || now - readAt >= RESIDENT_REFRESH_MILLIS || now < readAt;
		if (stale && this.residentReadAt.compareAndSet(readAt, now)) {
			Double percent = percentOfLimit(this.process.read().rss(), this.container.limit());
			this.rssPercentOfContainerLimit = (percent != null) ? percent : Double.NaN;
		}
		return this.rssPercentOfContainerLimit;
	}

	@Override
	public MemorySnapshot snapshot() {
		MemoryUsage heap = this.memory.getHeapMemoryUsage();
		MemoryUsage nonHeap = this.memory.getNonHeapMemoryUsage();
		Long heapMax = (heap.getMax() >= 0) ? heap.getMax() : null;
		double heapUsedPercent = round(percent(heap.getUsed(), (heapMax != null) ? heapMax : heap.getCommitted()));
		Buffers buffers = buffers();
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
		ContainerMemory.Reading cgroup = this.container.read();
		Double rssPercent = percentOfLimit(resident.rss(), cgroup.limit());
		this.rssPercentOfContainerLimit = (rssPercent != null) ? rssPercent : Double.NaN;
		this.residentReadAt.set(this.clock.millis());
		MemoryUsage metaspace = (this.metaspace != null) ? this.metaspace.getUsage() : null;
		return new MemorySnapshot(this.clock.instant(), heap.getUsed(), heap.getCommitted(), heapMax,
				heapUsedPercent, afterGcPercent(), this.longLivedPoolNames, nonHeap.getUsed(),
				(metaspace != null) ? metaspace.getUsed() : null, buffers.directUsed, buffers.directCount,
				buffers.mappedUsed, resident.rss(), resident.peak(), cgroup.workingSet(), cgroup.limit(), rssPercent,
				percentOfLimit(cgroup.workingSet(), cgroup.limit()),
				attribution(heap, metaspace, buffers, resident.rss()), gcCount, gcTime, collectors);
	}

	private ResidentAttribution attribution(MemoryUsage heap, @Nullable MemoryUsage metaspace, Buffers buffers,
			@Nullable Long rss) {
		Long metaspaceCommitted = (metaspace != null) ? metaspace.getCommitted() : null;
		long codeCache = this.nativeMemory.codeCacheCommitted();
		int threads = this.nativeMemory.threadCount();
		Long stackSize = this.nativeMemory.threadStackSize();
		Long stacks = (stackSize != null) ? threads * stackSize : null;
		long attributed = heap.getCommitted() + ((metaspaceCommitted != null) ? metaspaceCommitted : 0) + codeCache
				+ ((stacks != null) ? stacks : 0) + buffers.directCapacity + buffers.mappedCapacity;
		Long unattributed = (rss != null) ? Math.max(0, rss - attributed) : null;
		return new ResidentAttribution(heap.getCommitted(), metaspaceCommitted, codeCache, threads, stackSize, stacks,
				buffers.directCapacity, buffers.mappedCapacity, this.nativeMemory.nmtCommitted(), unattributed);
	}

	private Buffers buffers() {
		Buffers buffers = new Buffers();
		for (BufferPoolMXBean pool : this.bufferPools) {
			if ("direct".equals(pool.getName())) {
				buffers.directUsed += Math.max(0, pool.getMemoryUsed());
				buffers.directCount += Math.max(0, pool.getCount());
				buffers.directCapacity += Math.max(0, pool.getTotalCapacity());
			}
			else if (pool.getName().startsWith("mapped")) {
				buffers.mappedUsed += Math.max(0, pool.getMemoryUsed());
				buffers.mappedCapacity += Math.max(0, pool.getTotalCapacity());
			}
		}
		return buffers;
	}

	private static @Nullable Double percentOfLimit(@Nullable Long part, @Nullable Long limit) {
		return (part != null && limit != null && limit > 0) ? round(percent(part, limit)) : null;
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

	/**
	 * Figures of the direct and mapped buffer pools.
	 */
	private static final class Buffers {

		private long directUsed;

		private long directCount;

		private long directCapacity;

		private long mappedUsed;

		private long mappedCapacity;

	}

}
