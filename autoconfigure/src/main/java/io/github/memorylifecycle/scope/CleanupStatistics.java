package io.github.memorylifecycle.scope;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

import org.springframework.util.Assert;

/**
 * Live counters of one kind of scope: how many scopes are open, how many cleanups wait, ran and failed. Read by
 * the metrics binder and the actuator endpoint; written only by this package.
 * <p>
 * Open scopes and pending cleanups share one adder (scopes in the high 32 bits, cleanups in the low 32 bits, read
 * back as a signed int), so that a scope opened with its first cleanup, or closed with all of its cleanups, costs one
 * atomic update instead of two. A scope's end adds its cleanups' outcomes in one more update, however many ran.
 * Between its start and its end, a scope brings the pending count up to date every {@code pendingStep}
 * registrations (see {@code CleanupStack}): with a step of 1 on each, for the request scope every 8, so that a
 * request registering up to 8 cleanups updates the counters three times in all.
 * <p>
 * A request's dispatching thread counts in counters of its own ({@link #forCurrentThread()}), without an atomic
 * operation; reads add them up (under a lock that only readers and a new thread's first request take) and fold the
 * counters of threads that died into the shared ones.
 */
public final class CleanupStatistics extends CleanupCounters {

	private final String scope;

	private final LongAdder scopesAndPending = new LongAdder();

	private final LongAdder succeeded = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder ownersCollected = new LongAdder();

	private final int pendingStep;

	/** The counters of the threads that have them, guarded by itself. */
	private final List<ThreadCleanupCounters> threads = new ArrayList<>();

	CleanupStatistics(String scope) {
		this(scope, 1);
	}

	/**
	 * Creates the counters of a kind of scope whose pending count may follow each scope in steps.
	 * @param scope the scope name
	 * @param pendingStep how many uncounted registrations of one scope bring the pending count up to date (1: each)
	 */
	CleanupStatistics(String scope, int pendingStep) {
		Assert.isTrue(pendingStep > 0, "pendingStep must be positive");
		this.scope = scope;
		this.pendingStep = pendingStep;
	}

	/**
	 * Returns the scope these counters belong to.
	 * @return the scope name
	 */
	@Override
	public String scope() {
		return this.scope;
	}

	/**
	 * Returns how many scopes of this kind are open and hold at least one cleanup or held one.
	 * @return the number of open scopes
	 */
	public long activeScopes() {
		long sum = scopesAndPending();
		return Math.max(0, (sum - (int) sum) >> 32); // a sum taken during updates may see a close before its open
	}

	/**
	 * Returns how many cleanups wait across all open scopes of this kind, including those a scope's end is running.
	 * Exact when each registration is counted ({@code pendingStep} 1: session, application, owner); for the request
	 * scope, whose registrations are counted in steps of 8, up to 7 fewer per open request, never more, and exact
	 * again once the request has ended.
	 * @return the pending cleanups
	 */
	public long pendingCleanups() {
		return Math.max(0, (int) scopesAndPending());
	}

	/**
	 * Returns how many cleanups ran without throwing.
	 * @return the successful runs
	 */
	public long cleanupsSucceeded() {
		return sum(this.succeeded, ThreadCleanupCounters::succeeded);
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

	@Override
	int pendingStep() {
		return this.pendingStep;
	}

	/**
	 * Returns the counters of the current thread, for the scopes it opens and (normally) closes itself: a request's
	 * dispatching thread. Looked up under a lock: the caller keeps them for the thread ({@link RequestDispatch}).
	 * Not kept in a thread-local of this object, which a pool thread's map would keep, with this object, after the
	 * application that owns it closed.
	 * @return this thread's counters
	 */
	ThreadCleanupCounters forCurrentThread() {
		Thread current = Thread.currentThread();
		synchronized (this.threads) {
			foldDeadThreads(); // bounded by the live threads even if nobody reads
			for (ThreadCleanupCounters counters : this.threads) {
				if (counters.owner == current) {
					return counters;
				}
			}
			ThreadCleanupCounters counters = new ThreadCleanupCounters(current, this);
			this.threads.add(counters);
			return counters;
		}
	}

	/**
	 * Returns how many threads keep counters of their own, for tests.
	 * @return the number of threads, after folding those that died
	 */
	int threadCounters() {
		synchronized (this.threads) {
			foldDeadThreads();
			return this.threads.size();
		}
	}

	private long scopesAndPending() {
		return sum(this.scopesAndPending, ThreadCleanupCounters::scopesAndPending);
	}

	private long sum(LongAdder shared, ToLongFunction<ThreadCleanupCounters> perThread) {
		synchronized (this.threads) {
			foldDeadThreads();
			long sum = shared.sum();
			for (ThreadCleanupCounters counters : this.threads) {
				sum += perThread.applyAsLong(counters);
			}
			return sum;
		}
	}

	/**
	 * Moves the counts of threads that died into the shared counters: a dead thread writes no more, and its writes
	 * happen before {@link Thread#isAlive()} returns {@code false}.
	 */
	private void foldDeadThreads() {
		for (Iterator<ThreadCleanupCounters> iterator = this.threads.iterator(); iterator.hasNext();) {
			ThreadCleanupCounters counters = iterator.next();
			if (!counters.owner.isAlive()) {
				iterator.remove();
				this.scopesAndPending.add(counters.scopesAndPending());
				this.succeeded.add(counters.succeeded());
			}
		}
	}

	@Override
	void scopeOpened(int pending) {
		this.scopesAndPending.add(SCOPE + pending);
	}

	@Override
	void scopeClosed(int pending, int succeeded, int failed) {
		this.scopesAndPending.add(-SCOPE - pending);
		ran(succeeded, failed);
	}

	@Override
	void pendingAdded(int count) {
		this.scopesAndPending.add(count);
	}

	@Override
	void pendingRemoved(int count) {
		this.scopesAndPending.add(-count);
	}

	@Override
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
