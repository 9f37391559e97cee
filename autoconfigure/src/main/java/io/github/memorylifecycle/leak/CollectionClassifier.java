package io.github.memorylifecycle.leak;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Tells, from GC notifications, which collections prove that an unreachable object is gone, and reads the floor of
 * the long-lived heap.
 * <p>
 * A collection <em>covers</em> an object when the object, had it been unreachable when the collection (or its
 * marking) began, would now be collected. Per collector, checked on JDK 17 and 25:
 * <ul>
 * <li>Serial ({@code MarkSweepCompact}), Parallel ({@code PS MarkSweep}) and G1 full collections
 * ({@code G1 Old Generation}), all "end of major GC": stop-the-world and whole-heap, they cover what was
 * unreachable at their start.</li>
 * <li>ZGC ({@code ZGC Cycles}, generational {@code ZGC Major Cycles}) and Shenandoah ({@code Shenandoah Cycles};
 * in generational mode only cycles caused by {@code System.gc()} and {@code Full GC} pauses are known to be
 * global): concurrent whole-heap cycles whose marking starts with the cycle, so they cover what was unreachable at
 * the cycle's start. Their pause beans are phases of the same cycles and are ignored.</li>
 * <li>G1's concurrent cycles: marking starts at a snapshot taken before any notification. Since a new marking never
 * starts before the previous cycle is over, the notification two steps back in the stream of cycle evidence is
 * always older than the current marking's start. The evidence is the Remark and Cleanup pauses of
 * {@code G1 Concurrent GC} (JDK 20 and later), or else the first mixed collection of each mixed phase: a young
 * collection after which the old pool's collection usage, updated only by mixed and full collections, changed and
 * equals the usage after that collection.</li>
 * </ul>
 * Anything else (young collections, pause phases, unknown collectors) covers nothing, so an unknown collector
 * produces no suspects rather than false ones. The floor is the long-lived pools' usage after a covering
 * collection; for G1 it is the lowest old-generation usage after the young and mixed collections of the last two
 * evidence intervals, which includes the end of a mixed phase.
 * <p>
 * Fed by one notification thread; synchronized all the same.
 */
final class CollectionClassifier {

	static final Verdict YOUNG = new Verdict(-1, -1);

	static final String G1_OLD_POOL = "G1 Old Gen";

	private final boolean g1ConcurrentNotifications;

	private final boolean generationalShenandoah;

	private final Supplier<MemoryUsage> g1OldCollectionUsage;

	private long lastEvidence = -1;

	private long previousEvidence = -1;

	private MemoryUsage lastCollectionUsage;

	private boolean inMixedPhase;

	private long lowestInInterval = Long.MAX_VALUE;

	private long lowestInPreviousInterval = Long.MAX_VALUE;

	/**
	 * Creates a classifier.
	 * @param g1ConcurrentNotifications whether the JVM has the {@code G1 Concurrent GC} bean
	 * @param generationalShenandoah whether Shenandoah runs in generational mode
	 * @param g1OldCollectionUsage reads the collection usage of the {@code G1 Old Gen} pool, {@code null} without G1
	 */
	CollectionClassifier(boolean g1ConcurrentNotifications, boolean generationalShenandoah,
			Supplier<MemoryUsage> g1OldCollectionUsage) {
		this.g1ConcurrentNotifications = g1ConcurrentNotifications;
		this.generationalShenandoah = generationalShenandoah;
		this.g1OldCollectionUsage = g1OldCollectionUsage;
	}

	/**
	 * Creates a classifier for the collectors of the running JVM.
	 * @return the classifier
	 */
	static CollectionClassifier forThisJvm() {
		boolean g1Concurrent = ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.anyMatch((bean) -> "G1 Concurrent GC".equals(bean.getName()));
		MemoryPoolMXBean g1Old = null;
		boolean generationalShenandoah = false;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (G1_OLD_POOL.equals(pool.getName())) {
				g1Old = pool;
			}
			generationalShenandoah |= "Shenandoah Old Gen".equals(pool.getName());
		}
		return new CollectionClassifier(g1Concurrent, generationalShenandoah,
				(g1Old != null) ? g1Old::getCollectionUsage : null);
	}

	/**
	 * Returns whether a memory pool holds long-lived objects: the old generation, or the whole heap of a
	 * non-generational collector.
	 * @param name the pool name
	 * @return {@code true} for a long-lived pool
	 */
	static boolean isLongLived(String name) {
		return name.endsWith("Old Gen") || name.endsWith("Tenured Gen") || "ZHeap".equals(name)
				|| "ZGC Old Generation".equals(name) || "Shenandoah".equals(name);
	}

	/**
	 * Returns the maximum size of the long-lived pools of the running JVM.
	 * @return the maximum in bytes, or the heap's maximum if the pools have none
	 */
	static long longLivedMax() {
		long max = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP && isLongLived(pool.getName())) {
				long poolMax = pool.getUsage().getMax();
				if (poolMax > 0) {
					max += poolMax;
				}
			}
		}
		return (max > 0) ? max : Runtime.getRuntime().maxMemory();
	}

	synchronized Verdict classify(GcEvent event) {
		switch (event.collector()) {
			case "G1 Young Generation":
				return g1Young(event);
			case "G1 Concurrent GC":
				return evidence(event.endMillis());
			case "ZGC Cycles", "ZGC Major Cycles":
				return whole(event);
			case "Shenandoah Cycles":
				return (!this.generationalShenandoah || "System.gc()".equals(event.cause())) ? whole(event) : YOUNG;
			case "Shenandoah Pauses":
				return (this.generationalShenandoah && "Full GC".equals(event.action()))
						? new Verdict(event.startMillis(), -1) : YOUNG;
			default:
				if ("end of major GC".equals(event.action())) {
					this.lowestInInterval = Long.MAX_VALUE; // G1 readings before a full collection are stale
					this.lowestInPreviousInterval = Long.MAX_VALUE;
					return whole(event);
				}
				return YOUNG;
		}
	}

	private Verdict whole(GcEvent event) {
		return new Verdict(event.startMillis(), longLivedUsed(event.after()));
	}

	private Verdict g1Young(GcEvent event) {
		MemoryUsage old = event.after().get(G1_OLD_POOL);
		if (old != null) {
			this.lowestInInterval = Math.min(this.lowestInInterval, old.getUsed());
		}
		if (this.g1ConcurrentNotifications || this.g1OldCollectionUsage == null) {
			return YOUNG;
		}
		MemoryUsage collectionUsage = this.g1OldCollectionUsage.get();
		boolean changed = !same(collectionUsage, this.lastCollectionUsage);
		this.lastCollectionUsage = collectionUsage;
		boolean mixed = changed && same(collectionUsage, old);
		boolean phaseStart = mixed && !this.inMixedPhase;
		this.inMixedPhase = mixed;
		return phaseStart ? evidence(event.endMillis()) : YOUNG;
	}

	private Verdict evidence(long at) {
		long covers = this.previousEvidence;
		this.previousEvidence = this.lastEvidence;
		this.lastEvidence = at;
		long lowest = Math.min(this.lowestInInterval, this.lowestInPreviousInterval);
		this.lowestInPreviousInterval = this.lowestInInterval;
		this.lowestInInterval = Long.MAX_VALUE;
		long floor = (lowest != Long.MAX_VALUE) ? lowest : -1;
		return (covers >= 0 || floor >= 0) ? new Verdict(covers, floor) : YOUNG;
	}

	private static long longLivedUsed(Map<String, MemoryUsage> usage) {
		long used = 0;
		boolean found = false;
		for (Map.Entry<String, MemoryUsage> entry : usage.entrySet()) {
			if (isLongLived(entry.getKey())) {
				used += entry.getValue().getUsed();
				found = true;
			}
		}
		return found ? used : -1;
	}

	private static boolean same(MemoryUsage first, MemoryUsage second) {
		return first != null && second != null && first.getUsed() == second.getUsed()
				&& first.getCommitted() == second.getCommitted();
	}

	/**
	 * The meaning of one collection.
	 *
	 * @param coversBeforeMillis the JVM uptime before which every unreachable object is now collected, or
	 * {@code -1} if the collection covers nothing
	 * @param floorBytes the long-lived heap floor read from this collection, or {@code -1}
	 */
	record Verdict(long coversBeforeMillis, long floorBytes) {

		boolean old() {
			return this.coversBeforeMillis >= 0;
		}

	}

}
