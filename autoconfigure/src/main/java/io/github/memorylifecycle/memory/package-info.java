/**
 * The memory monitor ({@link io.github.memorylifecycle.memory.MemoryMonitor}): a snapshot of heap, non-heap and
 * process memory and, in a container, of the cgroup's memory limit and working set; a warning once per operation
 * above a threshold of the heap or of the container limit; the {@code memoryLifecycle} health indicator and the
 * meters of resident memory and the container limit.
 */
@NullMarked
package io.github.memorylifecycle.memory;

import org.jspecify.annotations.NullMarked;
