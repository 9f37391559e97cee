package io.github.memorylifecycle.endpoint;

import org.springframework.core.Ordered;

/**
 * Contributes one part of the {@code memory-lifecycle} actuator document.
 * <p>
 * Each feature (timers, listeners, registries, caches, leaks, ...) registers one bean of this type, so that the
 * endpoint assembles its document without knowing the features. A feature that is switched off or absent
 * registers no contributor and its part is simply missing from the document. Parts appear in the order of
 * {@link #getOrder()}, then by name.
 * <p>
 * Implementations must be cheap and must not block the threads they observe: the endpoint calls them on every
 * read. By default they return only class names, the descriptions users gave in code, call sites and counts;
 * anything taken from application objects at run time (an exception's message, a {@code toString()}) only when
 * {@code showDetails} is true, which the endpoint decides from {@code memory.lifecycle.endpoint.show-details}.
 */
public interface MemoryLifecycleContributor extends Ordered {

	/**
	 * Name of the part, as it appears as a top-level key of the document and in
	 * {@code /actuator/memory-lifecycle/{part}}: for example {@code timers}.
	 * @return the part name, lowercase, never {@code null}
	 */
	String part();

	/**
	 * Describes the part at the time of the call, without details taken from application objects. Lists inside it
	 * hold at most {@code limit} items and say how many there are in all.
	 * @param limit the maximum number of items of any list in the part, zero or more
	 * @return a value that serializes to JSON, preferably a descriptor record
	 */
	Object describe(int limit);

	/**
	 * Describes the part at the time of the call. Parts that hold details taken from application objects at run
	 * time override this method and add them only when asked to.
	 * @param limit the maximum number of items of any list in the part, zero or more
	 * @param showDetails whether the reader may see exception messages and other text taken from application
	 * objects
	 * @return a value that serializes to JSON, preferably a descriptor record
	 */
	default Object describe(int limit, boolean showDetails) {
		return describe(limit);
	}

	/**
	 * Cancels one live item of the part (a timer, a pending task) by the id the part shows. Parts whose items cannot
	 * be cancelled keep this default, which throws.
	 * @param id the item's id
	 * @return whether a live item with that id existed and is now cancelled; {@code false} for an unknown id or an
	 * item that already ended
	 * @throws UnsupportedOperationException if the part's items cannot be cancelled
	 */
	default boolean cancel(long id) {
		throw new UnsupportedOperationException("Part '" + part() + "' has nothing to cancel");
	}

	/**
	 * Where the part appears in the document: lower values first, parts with equal values by name. The built-in
	 * parts use 100 to 800; the default puts other parts after them.
	 * @return the order
	 */
	@Override
	default int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
