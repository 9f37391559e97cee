package io.github.memorylifecycle.scope;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The request scope's counters of one platform thread that dispatches requests: the stack a request's dispatching
 * thread keeps is opened and, unless the request went async, closed on that thread, so its counts need no atomic
 * operation there. Only the owner thread writes here (a release write of a plain sum); an update from any other
 * thread (a registration cancelled from elsewhere, a stack that became shared and ends on another thread) goes to
 * the shared {@link CleanupStatistics}, which adds these counters to its own when read and folds them into its own
 * once their thread has died.
 */
final class ThreadCleanupCounters extends CleanupCounters {

	private static final VarHandle SCOPES_AND_PENDING;

	private static final VarHandle SUCCEEDED;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			SCOPES_AND_PENDING = lookup.findVarHandle(ThreadCleanupCounters.class, "scopesAndPending", long.class);
			SUCCEEDED = lookup.findVarHandle(ThreadCleanupCounters.class, "succeeded", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	final Thread owner;

	private final CleanupStatistics shared;

	private long scopesAndPending;

	private long succeeded;

	ThreadCleanupCounters(Thread owner, CleanupStatistics shared) {
		this.owner = owner;
		this.shared = shared;
	}

	boolean counts(CleanupStatistics statistics) {
		return this.shared == statistics;
	}

	@Override
	String scope() {
		return this.shared.scope();
	}

	@Override
	int pendingStep() {
		return this.shared.pendingStep();
	}

	@Override
	void scopeOpened(int pending) {
		if (onOwner()) {
			addScopesAndPending(SCOPE + pending);
		}
		else {
			this.shared.scopeOpened(pending);
		}
	}

	@Override
	void scopeClosed(int pending, int succeeded, int failed) {
		if (onOwner() && failed == 0) {
			addScopesAndPending(-SCOPE - pending);
			addSucceeded(succeeded);
		}
		else {
			this.shared.scopeClosed(pending, succeeded, failed);
		}
	}

	@Override
	void pendingAdded(int count) {
		if (onOwner()) {
			addScopesAndPending(count);
		}
		else {
			this.shared.pendingAdded(count);
		}
	}

	@Override
	void pendingRemoved(int count) {
		if (onOwner()) {
			addScopesAndPending(-count);
		}
		else {
			this.shared.pendingRemoved(count);
		}
	}

	@Override
	void ran(int succeeded, int failed) {
		if (onOwner() && failed == 0) {
			addSucceeded(succeeded);
		}
		else {
			this.shared.ran(succeeded, failed);
		}
	}

	/**
	 * Returns the open scopes and pending cleanups counted here, as far as the owner's writes are visible.
	 * @return scopes in the high 32 bits plus pending cleanups
	 */
	long scopesAndPending() {
		return (long) SCOPES_AND_PENDING.getAcquire(this);
	}

	/**
	 * Returns the cleanups counted here that ran without throwing.
	 * @return the successful runs
	 */
	long succeeded() {
		return (long) SUCCEEDED.getAcquire(this);
	}

	private boolean onOwner() {
		return Thread.currentThread() == this.owner;
	}

	private void addScopesAndPending(long delta) {
		SCOPES_AND_PENDING.setRelease(this, this.scopesAndPending + delta);
	}

	private void addSucceeded(int count) {
		if (count != 0) {
			SUCCEEDED.setRelease(this, this.succeeded + count);
		}
	}

}
