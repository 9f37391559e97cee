package io.github.memorylifecycle.scope;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * The cleanups of one scope instance (one request, one session, one owner, the application), kept as a doubly
 * linked list so that cancelling is O(1) and ending the scope walks it backwards (LIFO).
 * <p>
 * Exactly-once: every entry is claimed by a compare-and-set before it runs or is cancelled, so that the end of the
 * scope, {@link Registration#run()} and {@link Registration#cancel()} racing from several threads never run a
 * cleanup twice. The list itself is guarded by this object's monitor; no cleanup ever runs under it.
 */
final class CleanupStack implements CleanupRegistry {

	private static final Log logger = LogFactory.getLog(CleanupRegistry.class);

	private final CleanupStatistics statistics;

	private Entry head;

	private Entry tail;

	private int size;

	private boolean closed;

	CleanupStack(CleanupStatistics statistics) {
		this.statistics = statistics;
		statistics.scopeOpened();
	}

	@Override
	public Registration register(String description, AutoCloseable cleanup) {
		Assert.notNull(cleanup, "cleanup must not be null");
		Entry entry = new Entry(this, description, cleanup);
		synchronized (this) {
			if (!this.closed) {
				if (this.tail == null) {
					this.head = entry;
				}
				else {
					this.tail.next = entry;
					entry.prev = this.tail;
				}
				this.tail = entry;
				this.size++;
				this.statistics.pendingAdded();
				return entry;
			}
		}
		entry.run();
		return entry;
	}

	@Override
	public synchronized int pending() {
		return this.size;
	}

	@Override
	public String scope() {
		return this.statistics.scope();
	}

	synchronized boolean isClosed() {
		return this.closed;
	}

	/**
	 * Ends the scope: runs every pending cleanup, last registered first. Later calls do nothing.
	 * @return how many cleanups this call ran
	 */
	int close() {
		Entry last;
		synchronized (this) {
			if (this.closed) {
				return 0;
			}
			this.closed = true;
			last = this.tail;
			this.head = null;
			this.tail = null;
			this.statistics.pendingRemoved(this.size);
			this.size = 0;
		}
		int ran = 0;
		int failed = 0;
		for (Entry entry = last; entry != null; entry = entry.prev) {
			if (entry.claim()) {
				ran++;
				if (!entry.execute()) {
					failed++;
				}
			}
		}
		this.statistics.ran(ran - failed, failed); // counted once per scope end, not once per cleanup
		this.statistics.scopeClosed(); // after the cleanups ran, so that an open scope means work still to do
		return ran;
	}

	private void unlink(Entry entry) {
		synchronized (this) {
			if (this.closed) {
				return; // the list was detached by close(); the entry is already claimed
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
			this.size--;
			this.statistics.pendingRemoved(1);
		}
	}

	/**
	 * One registered cleanup, which is also its {@link Registration}.
	 */
	static final class Entry implements Registration {

		private static final int PENDING = 0;

		private static final int CLAIMED = 1;

		private static final VarHandle STATE;

		static {
			try {
				STATE = MethodHandles.lookup().findVarHandle(Entry.class, "state", int.class);
			}
			catch (ReflectiveOperationException ex) {
				throw new ExceptionInInitializerError(ex);
			}
		}

		private final CleanupStack stack;

		private final String description;

		private AutoCloseable cleanup;

		private Entry prev;

		private Entry next;

		private volatile int state;

		Entry(CleanupStack stack, String description, AutoCloseable cleanup) {
			this.stack = stack;
			this.description = description;
			this.cleanup = cleanup;
		}

		@Override
		public boolean cancel() {
			if (!claim()) {
				return false;
			}
			this.stack.unlink(this);
			this.cleanup = null;
			return true;
		}

		@Override
		public boolean run() {
			if (!claim()) {
				return false;
			}
			this.stack.unlink(this);
			boolean succeeded = execute();
			this.stack.statistics.ran(succeeded ? 1 : 0, succeeded ? 0 : 1);
			return true;
		}

		@Override
		public boolean isPending() {
			return this.state == PENDING;
		}

		boolean claim() {
			return STATE.compareAndSet(this, PENDING, CLAIMED);
		}

		/**
		 * Runs the cleanup; the caller counts the outcome.
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
