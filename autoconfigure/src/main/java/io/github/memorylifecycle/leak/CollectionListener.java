package io.github.memorylifecycle.leak;

/**
 * Told of every garbage collection, on the JVM's notification thread.
 */
interface CollectionListener {

	/**
	 * Called after a collection; must be quick and must not throw.
	 * @param outcome what the collection means
	 */
	void collected(GcOutcome outcome);

}
