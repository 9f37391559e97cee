package io.github.memorylifecycle.leak;

import java.util.function.LongSupplier;

/**
 * Something the application keeps a count of that could explain a growing heap: live timers, runtime listeners,
 * pending cleanups, cache entries, leak suspects.
 * <p>
 * Declare beans of this type and the heap-growth warning names those that grew over the same window as the heap.
 * {@link #current()} is read after each old-generation collection, on the JVM's notification thread: it must be
 * cheap, thread-safe and must never block.
 */
public interface GrowthSource {

	/**
	 * Names what is counted, for the warning: for example {@code pending request cleanups}.
	 * @return a short, stable name
	 */
	String name();

	/**
	 * Returns the count now.
	 * @return the current count, zero or more
	 */
	long current();

	/**
	 * Makes a source from a name and a reading.
	 * @param name what is counted, for example {@code live timers}
	 * @param current reads the current count
	 * @return the source
	 */
	static GrowthSource of(String name, LongSupplier current) {
		return new CountingGrowthSource(name, current);
	}

}
