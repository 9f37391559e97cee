package io.github.memorylifecycle.endpoint;

/**
 * Contributes one part of the {@code memory-lifecycle} actuator document.
 * <p>
 * Each feature (timers, listeners, registries, caches, leaks, ...) registers one bean of this type, so that the
 * endpoint assembles its document without knowing the features. A feature that is switched off or absent
 * registers no contributor and its part is simply missing from the document.
 * <p>
 * Implementations must be cheap and must not block the threads they observe: the endpoint calls them on every
 * read. They return only class names and the descriptions users gave, never {@code toString()} of user objects.
 */
public interface MemoryLifecycleContributor {

	/**
	 * Name of the part, as it appears as a top-level key of the document and in
	 * {@code /actuator/memory-lifecycle/{part}}: for example {@code timers}.
	 * @return the part name, lowercase, never {@code null}
	 */
	String part();

	/**
	 * Describes the part at the time of the call. Lists inside it hold at most {@code limit} items and say how many
	 * there are in all.
	 * @param limit the maximum number of items of any list in the part, zero or more
	 * @return a value that serializes to JSON (descriptor objects, maps, lists, numbers and strings)
	 */
	Object describe(int limit);

}
