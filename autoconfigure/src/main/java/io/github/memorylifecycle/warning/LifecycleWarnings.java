package io.github.memorylifecycle.warning;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
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

	private final Map<WarningKind, LongAdder> counts = new EnumMap<>(WarningKind.class);

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
		for (WarningKind kind : WarningKind.values()) {
			this.counts.put(kind, new LongAdder());
		}
	}

	/**
	 * Logs, counts and keeps a warning.
	 * @param kind the kind of warning
	 * @param message the message: class names and user descriptions only
	 * @return the recorded warning
	 */
	public LifecycleWarning warn(WarningKind kind, String message) {
		Assert.notNull(kind, "kind must not be null");
		LifecycleWarning warning = new LifecycleWarning(kind.id(), message, this.clock.instant());
		logger.warn("[" + kind.id() + "] " + message);
		this.counts.get(kind).increment();
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
	public long count(WarningKind kind) {
		return this.counts.get(kind).sum();
	}

	/**
	 * Returns how many warnings of a kind were raised since start, by the kind's {@linkplain WarningKind#id() id}.
	 * @param kind the kind's id, such as {@code timers}
	 * @return the count, zero for an id no kind has
	 */
	public long count(String kind) {
		for (WarningKind candidate : WarningKind.values()) {
			if (candidate.id().equals(kind)) {
				return count(candidate);
			}
		}
		return 0;
	}

	/**
	 * Returns the counts of the kinds raised so far.
	 * @return kind id to count, kinds never raised left out, sorted by id; a snapshot copy
	 */
	public Map<String, Long> counts() {
		Map<String, Long> copy = new TreeMap<>();
		this.counts.forEach((kind, adder) -> {
			long count = adder.sum();
			if (count > 0) {
				copy.put(kind.id(), count);
			}
		});
		return copy;
	}

}
