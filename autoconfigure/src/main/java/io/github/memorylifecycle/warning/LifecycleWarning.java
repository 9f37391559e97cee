package io.github.memorylifecycle.warning;

import java.time.Instant;

/**
 * One warning raised by a memory-lifecycle feature: high memory use, timers or listeners piling up, an unbounded
 * cache, a leak suspect or a climbing heap.
 *
 * @param kind the {@linkplain WarningKind#id() id} of the warning's kind, for example {@code memory},
 * {@code timers}, {@code listeners}, {@code caches}, {@code leaks}, {@code heap-growth}
 * @param message human-readable message, made of class names and user descriptions only
 * @param at when the warning was raised
 */
public record LifecycleWarning(String kind, String message, Instant at) {
}
