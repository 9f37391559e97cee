package io.github.memorylifecycle.warning;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * The journal of warnings raised by every memory-lifecycle feature: each warning is logged once, counted by kind
 * and kept among the most recent ones (a bounded number) for the actuator endpoint.
 * <p>
 * Features decide <em>when</em> to warn (once per operation, again when a count doubles, ...); this class only
 * records. It is thread-safe and cheap: warnings are rare by design.
 */
public final class LifecycleWarnings {

	private static final Log logger = LogFactory.getLog(LifecycleWarnings.class);

	private final int capacity;

	private final Clock clock;

	private final ArrayDeque<LifecycleWarning> recent;

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	/**
	 * Creates a journal.
	 * @param capacity how many recent warnings to keep, at least 1
	 * @param clock the clock that stamps warnings
	 */
	public LifecycleWarnings(int capacity, Clock clock) {
		Assert.isTrue(capacity > 0, () -> "capacity must be positive but was " + capacity);
		Assert.notNull(clock, "clock must not be null");
		this.capacity = capacity;
		this.clock = clock;
		this.recent = new ArrayDeque<>(Math.min(capacity, 64));
	}

	/**
	 * Logs, counts and keeps a warning.
	 * @param kind the kind of warning, see {@link LifecycleWarning#kind()}
	 * @param message the message: class names and user descriptions only
	 * @return the recorded warning
	 */
	public LifecycleWarning warn(String kind, String message) {
		LifecycleWarning warning = new LifecycleWarning(kind, message, this.clock.instant());
		logger.warn("[" + kind + "] " + message);
		this.counts.computeIfAbsent(kind, (key) -> new LongAdder()).increment();
		synchronized (this.recent) {
			if (this.recent.size() == this.capacity) {
				this.recent.removeFirst();
			}
			this.recent.addLast(warning);
		}
		return warning;
	}

	/**
	 * Returns the most recent warnings, oldest first.
	 * @return a snapshot copy
	 */
	public List<LifecycleWarning> recent() {
		synchronized (this.recent) {
			return new ArrayList<>(this.recent);
		}
	}

	/**
	 * Returns how many warnings of a kind were raised since start, including those no longer kept.
	 * @param kind the kind
	 * @return the count
	 */
	public long count(String kind) {
		LongAdder adder = this.counts.get(kind);
		return (adder != null) ? adder.sum() : 0;
	}

	/**
	 * Returns the counts of all kinds raised so far.
	 * @return kind to count, a snapshot copy
	 */
	public Map<String, Long> counts() {
		Map<String, Long> copy = new java.util.TreeMap<>();
		this.counts.forEach((kind, adder) -> copy.put(kind, adder.sum()));
		return copy;
	}

}
