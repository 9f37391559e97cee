package io.github.memorylifecycle.scope;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * The cleanups of one scope instance (one request, one session, one owner, the application), kept as a doubly
 * linked list so that cancelling is O(1) and ending the scope walks it backwards (LIFO).
 * <p>
 * Exactly-once: an entry leaves the pending state only under this object's monitor, which every path takes anyway
 * to link or unlink it. {@link Registration#run()} and {@link Registration#cancel()} claim their entry by unlinking
 * it; ending the scope claims every entry still linked at once, by detaching the whole list, and then runs them
 * without another atomic operation per entry. No cleanup ever runs under the monitor.
 * <p>
 * Statistics are updated once when the scope opens and once when it ends (see {@link CleanupStatistics}). In
 * between, the shared pending count follows this scope's own count either exactly (one update per registration and
 * per early removal) or, for short scopes that register several cleanups (requests), in steps: it is brought up to
 * date whenever {@link CleanupStatistics#pendingStep()} registrations have not been counted yet, so it can lag behind
 * by up to {@code pendingStep - 1} cleanups per open scope, and is exact again once the scope has ended.
 * <p>
 * Its four words of state fit in 32 bytes with compressed references: {@code size} is {@value #CLOSED} once the scope
 * has ended.
 */
final class CleanupStack implements CleanupRegistry {

	private static final Log logger = LogFactory.getLog(CleanupRegistry.class);

	private final CleanupStatistics statistics;

	private Entry head;

	private Entry tail;

	private static final int CLOSED = -1;

	private int size; // or CLOSED

	private int published; // how many of the size cleanups the statistics count; size - published < pendingStep

	/**
	 * Creates an empty scope.
	 * @param statistics the counters of this kind of scope
	 */
	CleanupStack(CleanupStatistics statistics) {
		this.statistics = statistics;
		statistics.scopeOpened(0);
	}

	/**
	 * Creates a scope that already holds its first cleanup, with one statistics update and without taking the
	 * monitor: for a scope created on its first registration, before it is shared. Whoever shares it must publish it
	 * safely (a concurrent map, a monitor), as for any other object with mutable state.
	 * @param statistics the counters of this kind of scope
	 * @param description what the cleanup releases, or {@code null}
	 * @param cleanup the first cleanup
	 */
	CleanupStack(CleanupStatistics statistics, String description, AutoCloseable cleanup) {
		Assert.notNull(cleanup, "cleanup must not be null");
		this.statistics = statistics;
		Entry first = new Entry(this, description, cleanup);
		this.head = first;
		this.tail = first;
		this.size = 1;
		this.published = 1;
		statistics.scopeOpened(1);
	}

	/**
	 * Returns the registration of the first cleanup; only for the creator, before it shares this scope.
	 * @return the first registration
	 */
	Registration firstRegistration() {
		return this.head;
	}

	@Override
	public Registration register(String description, AutoCloseable cleanup) {
		Assert.notNull(cleanup, "cleanup must not be null");
		Entry entry = new Entry(this, description, cleanup);
		synchronized (this) {
			if (this.size != CLOSED) {
				if (this.tail == null) {
					this.head = entry;
				}
				else {
					this.tail.next = entry;
					entry.prev = this.tail;
				}
				this.tail = entry;
				if (++this.size - this.published >= this.statistics.pendingStep()) {
					this.statistics.pendingAdded(this.size - this.published);
					this.published = this.size;
				}
				return entry;
			}
		}
		// the scope has ended: run at once; nobody else can see the entry yet
		entry.state = Entry.DONE;
		boolean succeeded = entry.execute();
		this.statistics.ran(succeeded ? 1 : 0, succeeded ? 0 : 1);
		return entry;
	}

	@Override
	public synchronized int pending() {
		return Math.max(this.size, 0);
	}

	@Override
	public String scope() {
		return this.statistics.scope();
	}

	synchronized boolean isClosed() {
		return this.size == CLOSED;
	}

	/**
	 * Ends the scope: runs every pending cleanup, last registered first. Later calls do nothing.
	 * @return how many cleanups this call ran
	 */
	int close() {
		Entry last;
		int count;
		int counted;
		synchronized (this) {
			if (this.size == CLOSED) {
				return 0;
			}
			last = this.tail;
			count = this.size;
			counted = this.published;
			this.published = 0;
			this.head = null;
			this.tail = null;
			this.size = CLOSED;
		}
		// every entry of the detached list is this call's: run() and cancel() give up once the scope is closed
		int failed = 0;
		for (Entry entry = last; entry != null;) {
			if (!entry.execute()) {
				failed++;
			}
			Entry previous = entry.prev;
			entry.prev = null; // a kept Registration must not hold the rest of the list
			entry = previous;
		}
		// after the cleanups ran, so that an open scope and a pending cleanup mean work still to do
		this.statistics.scopeClosed(counted, count - failed, failed);
		return count;
	}

	/**
	 * Claims an entry for {@link Registration#run()} or {@link Registration#cancel()}.
	 * @param entry the entry
	 * @return whether it was still pending and is now the caller's
	 */
	private synchronized boolean claim(Entry entry) {
		if (entry.state != Entry.PENDING || this.size == CLOSED) {
			return false; // done already, or owned by close()
		}
		if (entry.prev == null) {
			this.head = entry.next;
		}
		else {
			entry.prev.next = entry.next;
		}
		if (entry.next == null) {
			this.tail = entry.prev;
		}
		else {
			entry.next.prev = entry.prev;
		}
		entry.prev = null;
		entry.next = null;
		entry.state = Entry.DONE;
		if (--this.size < this.published) {
			this.statistics.pendingRemoved(1);
			this.published = this.size;
		}
		return true;
	}

	/**
	 * One registered cleanup, which is also its {@link Registration}. Its state changes only under the stack's
	 * monitor, or before anyone else can see it.
	 */
	static final class Entry implements Registration {

		static final int PENDING = 0;

		static final int DONE = 1;

		private final CleanupStack stack;

		private final String description;

		private AutoCloseable cleanup;

		private Entry prev;

		private Entry next;

		private int state;

		Entry(CleanupStack stack, String description, AutoCloseable cleanup) {
			this.stack = stack;
			this.description = description;
			this.cleanup = cleanup;
		}

		@Override
		public boolean cancel() {
			if (!this.stack.claim(this)) {
				return false;
			}
			this.cleanup = null;
			return true;
		}

		@Override
		public boolean run() {
			if (!this.stack.claim(this)) {
				return false;
			}
			boolean succeeded = execute();
			this.stack.statistics.ran(succeeded ? 1 : 0, succeeded ? 0 : 1);
			return true;
		}

		@Override
		public boolean isPending() {
			synchronized (this.stack) {
				return this.state == PENDING && this.stack.size != CLOSED;
			}
		}

		/**
		 * Runs the cleanup; the caller has claimed the entry and counts the outcome.
		 * @return whether it ran without throwing
		 */
		boolean execute() {
			AutoCloseable action = this.cleanup;
			this.cleanup = null;
			try {
				action.close();
				return true;
			}
			catch (Throwable ex) {
				if (ex instanceof InterruptedException) {
					Thread.currentThread().interrupt();
				}
				logger.warn("Cleanup '" + describe(action) + "' of the " + this.stack.scope()
						+ " scope failed; the other cleanups still run", ex);
				return false;
			}
		}

		private String describe(AutoCloseable action) {
			return (this.description != null) ? this.description : action.getClass().getName();
		}

		@Override
		public String toString() {
			return "Registration[" + ((this.description != null) ? this.description : "cleanup") + ", "
					+ (isPending() ? "pending" : "done") + "]";
		}

	}

}
