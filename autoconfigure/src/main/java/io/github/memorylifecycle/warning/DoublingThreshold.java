package io.github.memorylifecycle.warning;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.util.Assert;

/**
 * Decides when a growing count deserves a warning: the first time it goes past a limit, then each time it doubles
 * the count last warned about. It re-arms once the count falls back to the limit or below.
 * <p>
 * Warning once and then never again hides a count that keeps growing; warning on every increment floods the log;
 * this warns at {@code limit + 1}, {@code 2 * (limit + 1)}, {@code 4 * (limit + 1)}, ...
 * One instance follows one count (one event type, one call site); it is thread-safe and allocation free.
 */
public final class DoublingThreshold {

	private final long limit;

	private final AtomicLong next;

	/**
	 * Creates a threshold.
	 * @param limit the highest count that needs no warning, zero or more
	 */
	public DoublingThreshold(long limit) {
		Assert.isTrue(limit >= 0, () -> "limit must not be negative but was " + limit);
		this.limit = limit;
		this.next = new AtomicLong(limit + 1);
	}

	/**
	 * Reports the current count and answers whether it calls for a warning now. Exactly one of several threads
	 * reporting the same crossing gets {@code true}.
	 * @param count the current count
	 * @return whether to warn
	 */
	public boolean shouldWarn(long count) {
		long threshold = this.next.get();
		if (count <= this.limit) {
			if (threshold != this.limit + 1) {
				this.next.compareAndSet(threshold, this.limit + 1);
			}
			return false;
		}
		return count >= threshold && this.next.compareAndSet(threshold, Math.multiplyExact(count, 2));
	}

}
