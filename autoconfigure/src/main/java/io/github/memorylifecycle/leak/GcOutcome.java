package io.github.memorylifecycle.leak;

/**
 * What a garbage collection means for leak detection.
 *
 * @param old whether it covers old objects: an old-generation, mixed or full collection, or the end of a concurrent
 * marking cycle
 * @param coversBeforeNanos when {@code old}: every object that was unreachable at this point in time (in
 * {@link System#nanoTime()} terms) has been collected and its weak references cleared
 * @param floorBytes the usage of the long-lived heap pools after the collection, or {@code -1} when this collection
 * gives no reading of the floor
 */
record GcOutcome(boolean old, long coversBeforeNanos, long floorBytes) {
}
