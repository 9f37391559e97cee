package io.github.memorylifecycle.scope;

import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of one kind of scope: how many scopes are open, how many cleanups wait, ran and failed. Read by
 * the metrics binder and the actuator endpoint; written only by this package.
 */
public final class CleanupStatistics {

	private final String scope;

	private final LongAdder activeScopes = new LongAdder();

	private final LongAdder pendingCleanups = new LongAdder();

	private final LongAdder succeeded = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder ownersCollected = new LongAdder();

	CleanupStatistics(String scope) {
		this.scope = scope;
	}

	/**
	 * Returns the scope these counters belong to.
	 * @return the scope name
	 */
	public String scope() {
		return this.scope;
	}

	/**
	 * Returns how many scopes of this kind are open and hold at least one cleanup or held one.
	 * @return the number of open scopes
	 */
	public long activeScopes() {
		return this.activeScopes.sum();
	}

	/**
	 * Returns how many cleanups wait across all open scopes of this kind.
	 * @return the pending cleanups
	 */
	public long pendingCleanups() {
		return this.pendingCleanups.sum();
	}

	/**
	 * Returns how many cleanups ran without throwing.
	 * @return the successful runs
	 */
	public long cleanupsSucceeded() {
		return this.succeeded.sum();
	}

	/**
	 * Returns how many cleanups threw.
	 * @return the failed runs
	 */
	public long cleanupsFailed() {
		return this.failed.sum();
	}

	/**
	 * Returns how many cleanups ran, successfully or not.
	 * @return all runs
	 */
	public long cleanupsRun() {
		return cleanupsSucceeded() + cleanupsFailed();
	}

	/**
	 * Returns how many owners were garbage-collected before anyone called cleanup for them. Always zero for scopes
	 * other than {@code owner}.
	 * @return the owners collected without cleanup
	 */
	public long ownersCollectedWithoutCleanup() {
		return this.ownersCollected.sum();
	}

	void scopeOpened() {
		this.activeScopes.increment();
	}

	void scopeClosed() {
		this.activeScopes.decrement();
	}

	void pendingAdded() {
		this.pendingCleanups.increment();
	}

	void pendingRemoved(long count) {
		this.pendingCleanups.add(-count);
	}

	void ran(int succeeded, int failed) {
		if (succeeded > 0) {
			this.succeeded.add(succeeded);
		}
		if (failed > 0) {
			this.failed.add(failed);
		}
	}

	void ownerCollected() {
		this.ownersCollected.increment();
	}

}
