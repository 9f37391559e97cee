package io.github.memorylifecycle.scope;

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
 * Its state fits in 32 bytes with compressed references (no separate flag: {@code size} is {@value #CLOSED} once the
 * scope has ended).
 */
final class CleanupStack implements CleanupRegistry {

	private static final int CLOSED = -1;

	private final CleanupCounters statistics;

	private CleanupEntry head;

	private CleanupEntry tail;

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
	 * Creates a scope that already holds its first cleanup, counted with the open scope in one statistics update:
	 * for a scope created on its first registration. Its state is written without the monitor: a creator that
	 * shares it through a non-concurrent map (a request's attributes) does so while holding the monitor (see
	 * {@link #shareThrough(Runnable)}), so that threads that find it there and then take the monitor see it whole.
	 * @param statistics the counters of this kind of scope, or of the thread that opens and normally closes it
	 * @param description what the cleanup releases, or {@code null}
	 * @param cleanup the first cleanup
	 */
	CleanupStack(CleanupCounters statistics, String description, AutoCloseable cleanup) {
		Assert.notNull(cleanup, "cleanup must not be null");
		this.statistics = statistics;
		CleanupEntry first = new CleanupEntry(this, description, cleanup);
		this.head = first;
		this.tail = first;
		this.size = 1;
		this.published = 1;
		statistics.scopeOpened(1);
	}

	/**
	 * Makes this scope visible to other threads: runs the action that stores it where they find it (a request
	 * attribute) under this scope's monitor, which they take before reading its state.
	 * @param store stores this scope
	 */
	synchronized void shareThrough(Runnable store) {
		store.run();
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
		CleanupEntry entry = new CleanupEntry(this, description, cleanup);
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
		entry.state = CleanupEntry.DONE;
		boolean succeeded = entry.execute();
		this.statistics.ran(succeeded ? 1 : 0, succeeded ? 0 : 1);
		return entry;
	}

	/**
	 * Takes over the cleanups of another scope of the same instance (a request's first dispatch), to run after
	 * every cleanup registered here so far, at the bottom of this stack. The other scope stays a scope of its own
	 * (its cleanups keep their registrations and are counted there); the entry that ends it is not counted as a
	 * cleanup here. Ends it at once if this scope has ended.
	 * @param other the scope to end with this one
	 */
	void adopt(CleanupStack other) {
		CleanupEntry entry = new CleanupEntry(this, "cleanups of the request's first dispatch", new Adopted(other));
		synchronized (this) {
			if (this.size != CLOSED) {
				if (this.head == null) {
					this.tail = entry;
				}
				else {
					this.head.prev = entry;
					entry.next = this.head;
				}
				this.head = entry;
				this.size++;
				this.published++; // as if counted, so that the step logic leaves it out; close() subtracts it
				return;
			}
		}
		entry.state = CleanupEntry.DONE;
		entry.execute();
	}

	@Override
	public int pending() {
		CleanupStack adopted;
		int pending;
		synchronized (this) {
			if (this.size <= 0) {
				return 0;
			}
			// an adopted scope sits at the bottom, where nothing else is linked
			adopted = (this.head.isAdopted()) ? ((Adopted) this.head.cleanup()).scope : null;
			pending = (adopted != null) ? this.size - 1 : this.size;
		}
		return (adopted != null) ? pending + adopted.pending() : pending;
	}

	/**
	 * Counts a cleanup run early by {@link Registration#run()}.
	 * @param succeeded whether it ran without throwing
	 */
	void ranEarly(boolean succeeded) {
		this.statistics.ran(succeeded ? 1 : 0, succeeded ? 0 : 1);
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
		CleanupEntry last;
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
		int adopted = 0;
		for (CleanupEntry entry = last; entry != null;) {
			if (entry.isAdopted()) {
				adopted++; // ending another scope is not a cleanup of this one
				entry.execute();
			}
			else if (!entry.execute()) {
				failed++;
			}
			CleanupEntry previous = entry.prev;
			entry.prev = null;
			entry.next = null; // a kept Registration must not hold the rest of the list
			entry = previous;
		}
		// after the cleanups ran, so that an open scope and a pending cleanup mean work still to do
		this.statistics.scopeClosed(counted - adopted, count - adopted - failed, failed);
		return count - adopted;
	}

	/**
	 * Claims an entry for {@link Registration#run()} or {@link Registration#cancel()}.
	 * @param entry the entry
	 * @return whether it was still pending and is now the caller's
	 */
	synchronized boolean claim(CleanupEntry entry) {
		if (entry.state != CleanupEntry.PENDING || this.size == CLOSED) {
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
		entry.state = CleanupEntry.DONE;
		if (--this.size < this.published) {
			this.statistics.pendingRemoved(1);
			this.published = this.size;
		}
		return true;
	}

	/**
	 * The cleanup that ends an adopted scope.
	 */
	static final class Adopted implements AutoCloseable {

		private final CleanupStack scope;

		Adopted(CleanupStack scope) {
			this.scope = scope;
		}

		@Override
		public void close() {
			this.scope.close();
		}

	}

}
