/**
 * Leak detection: {@link io.github.memorylifecycle.leak.LeakWatcher} reports objects still reachable after their
 * scope ended, and the heap-growth trend warns when the heap left after collections keeps climbing.
 */
@NullMarked
package io.github.memorylifecycle.leak;

import org.jspecify.annotations.NullMarked;
