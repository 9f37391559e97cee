package io.github.memorylifecycle.scope;

/**
 * Where a {@link CleanupStack} counts its scope opening, its pending cleanups and their outcomes: the shared
 * {@link CleanupStatistics} of its kind of scope, or the {@link ThreadCleanupCounters} of the thread that dispatches
 * a request, which count without an atomic operation and add up to the same statistics when read.
 */
abstract class CleanupCounters {

	/** One open scope in a count that keeps open scopes in its high 32 bits and pending cleanups in its low 32. */
	static final long SCOPE = 1L << 32;

	/**
	 * Returns the scope counted.
	 * @return the scope name
	 */
	abstract String scope();

	/**
	 * Returns how many registrations of one scope may go uncounted before its pending count is brought up to date.
	 * @return the step, 1 for each registration
	 */
	abstract int pendingStep();

	abstract void scopeOpened(int pending);

	abstract void scopeClosed(int pending, int succeeded, int failed);

	abstract void pendingAdded(int count);

	abstract void pendingRemoved(int count);

	abstract void ran(int succeeded, int failed);

}
