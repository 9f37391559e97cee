package io.github.memorylifecycle.scope;

/**
 * A registry of this package that keeps {@link CleanupStatistics}. A servlet-free type, so that gathering the
 * statistics of every registry never loads the servlet API in applications that do not have it.
 */
interface StatisticsSource {

	/**
	 * Returns the live counters of this registry's scope.
	 * @return the statistics
	 */
	CleanupStatistics statistics();

}
