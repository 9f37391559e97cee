package io.github.memorylifecycle.leak;

import java.lang.management.MemoryUsage;
import java.util.Map;

/**
 * One garbage-collection notification, reduced to what the {@link CollectionClassifier} reads.
 *
 * @param collector the name of the collector's MXBean, such as {@code G1 Young Generation}
 * @param action the GC action, such as {@code end of major GC}
 * @param cause the GC cause, such as {@code System.gc()}
 * @param startMillis when the collection started, in milliseconds of JVM uptime
 * @param endMillis when it ended, in milliseconds of JVM uptime
 * @param after the usage of each memory pool after the collection
 */
record GcEvent(String collector, String action, String cause, long startMillis, long endMillis,
		Map<String, MemoryUsage> after) {
}
