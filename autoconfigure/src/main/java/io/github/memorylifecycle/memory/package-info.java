/**
 * The memory monitor ({@link io.github.memorylifecycle.memory.MemoryMonitor}): a snapshot of heap, non-heap and
 * process memory, a warning once per operation above a threshold, and the {@code memoryLifecycle} health indicator.
 */
@NullMarked
package io.github.memorylifecycle.memory;

import org.jspecify.annotations.NullMarked;
