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

	/**
	 * Counts a scope opened, with the cleanups it already holds.
	 * @param pending its counted cleanups
	 */
	abstract void scopeOpened(int pending);

	/**
	 * Counts a scope ended, after its cleanups ran.
	 * @param pending the cleanups it had counted as pending
	 * @param succeeded how many ran without throwing
	 * @param failed how many threw
	 */
	abstract void scopeClosed(int pending, int succeeded, int failed);

	/**
	 * Counts cleanups registered with an open scope.
	 * @param count how many
	 */
	abstract void pendingAdded(int count);

	/**
	 * Counts cleanups that left an open scope early (run or cancelled).
	 * @param count how many
	 */
	abstract void pendingRemoved(int count);

	/**
	 * Counts cleanups that ran outside a scope's end (early, or registered after it).
	 * @param succeeded how many ran without throwing
	 * @param failed how many threw
	 */
	abstract void ran(int succeeded, int failed);

}
