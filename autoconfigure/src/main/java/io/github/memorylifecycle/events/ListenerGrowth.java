package io.github.memorylifecycle.events;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.github.memorylifecycle.warning.DoublingThreshold;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.WarningKind;

/**
 * Counts the runtime listeners of each event type and decides when they pile up: past the limit, and again each time
 * the count doubles ({@link DoublingThreshold}), with the registration sites that added most of them.
 * <p>
 * The counting methods are called by {@link ListenerTracker} under its lock and only build the message; the warning
 * is raised by {@link #warn(String)} once the lock is released.
 */
final class ListenerGrowth {

	private static final int TOP_SITES = 5;

	private final int limit;

	private final Supplier<LifecycleWarnings> warnings;

	private final Map<String, Count> counts = new HashMap<>();

	private final AtomicLong raised = new AtomicLong();

	ListenerGrowth(int limit, Supplier<LifecycleWarnings> warnings) {
		this.limit = limit;
		this.warnings = warnings;
	}

	/**
	 * Counts a listener added for an event type.
	 * @param eventType the event type
	 * @param live every live runtime listener, to find the registration sites in
	 * @return the warning to raise, or {@code null}
	 */
	String added(String eventType, Collection<ListenerInfo> live) {
		Count count = this.counts.computeIfAbsent(eventType, (key) -> new Count(this.limit));
		count.value++;
		return count.threshold.shouldWarn(count.value) ? message(eventType, count.value, live) : null;
	}

	/**
	 * Counts a listener removed from an event type, which re-arms the warning once the count is back to the limit.
	 * @param eventType the event type
	 */
	void removed(String eventType) {
		Count count = this.counts.get(eventType);
		if (count != null) {
			count.value--;
			if (count.value <= 0) {
				this.counts.remove(eventType);
			}
			else {
				count.threshold.shouldWarn(count.value);
			}
		}
	}

	void clear() {
		this.counts.clear();
	}

	/**
	 * Raises a warning built by {@link #added(String, Collection)}.
	 * @param message the message
	 */
	void warn(String message) {
		this.raised.incrementAndGet();
		this.warnings.get().warn(WarningKind.LISTENERS, message);
	}

	long warnings() {
		return this.raised.get();
	}

	private String message(String eventType, long count, Collection<ListenerInfo> live) {
		Map<String, Long> bySite = live.stream()
			.filter((info) -> info.eventType().equals(eventType))
			.collect(Collectors.groupingBy((info) -> (info.site() != null) ? info.site() : info.listener(),
					Collectors.counting()));
		String sites = bySite.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.limit(TOP_SITES)
			.map((site) -> site.getKey() + " (x" + site.getValue() + ")")
			.collect(Collectors.joining(", "));
		return "Event type " + eventType + " holds " + count + " listeners added at run time, more than the limit of "
				+ this.limit + " (memory.lifecycle.listeners.max-per-event); most were added at: " + sites
				+ ". A listener that is added again and again and never removed keeps whatever it references alive: "
				+ "remove it when its work is done, or add it with ListenerRegistry bound to its request, session or "
				+ "owner. The next warning comes when the count doubles.";
	}

	private static final class Count {

		private final DoublingThreshold threshold;

		private long value;

		Count(int limit) {
			this.threshold = new DoublingThreshold(limit);
		}

	}

}
