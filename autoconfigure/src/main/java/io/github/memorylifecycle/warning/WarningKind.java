package io.github.memorylifecycle.warning;

/**
 * The kinds of warning the starter raises, in one place: each names the feature that raised it. The
 * {@linkplain #id() id} is what the log line, the endpoint's {@code warnings} part and the
 * {@code memory.lifecycle.warnings} meter's {@code kind} tag show, so it never changes once published.
 */
public enum WarningKind {

	/**
	 * Heap use crossed the monitor's threshold during an operation.
	 */
	MEMORY("memory"),

	/**
	 * Live timers from one call site keep growing.
	 */
	TIMERS("timers"),

	/**
	 * Async work from one call site keeps growing, or a task has been pending too long.
	 */
	ASYNC("async"),

	/**
	 * Runtime listeners of one event type keep growing, or a listener keeps its owner alive.
	 */
	LISTENERS("listeners"),

	/**
	 * A cache has no size bound.
	 */
	CACHES("caches"),

	/**
	 * Objects stay reachable after their scope ended.
	 */
	LEAKS("leaks"),

	/**
	 * The heap left after collections keeps climbing.
	 */
	HEAP_GROWTH("heap-growth"),

	/**
	 * One meter name holds more meters than the limit: a tag with unbounded values.
	 */
	METERS("meters");

	private final String id;

	WarningKind(String id) {
		this.id = id;
	}

	/**
	 * Returns the kind's short lowercase name.
	 * @return the name, for example {@code heap-growth}
	 */
	public String id() {
		return this.id;
	}

	@Override
	public String toString() {
		return this.id;
	}

}
