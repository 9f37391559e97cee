package io.github.memorylifecycle.work;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The live record of one piece of tracked work (a timer, a pending async task): what the application handed to a
 * scheduler or executor and has not ended yet. It leaves its {@link WorkTracker} exactly once, when the work ends
 * or is cancelled, and on the way out releases its scope binding so that scopes never fill with dead entries.
 * <p>
 * Kept lean on purpose, since one exists per live timer or task: an id, a creation time, a shared
 * {@link TrackingSite} (description, call site, growth counter) and the binding, which is {@code null} for unbound
 * work. The record never references the owner it is bound to.
 */
public abstract class TrackedWork {

	private static final int LIVE = 0;

	private static final int REMOVED = 1;

	private static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(TrackedWork.class, "state", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final long id;

	private final long createdAt;

	private final TrackingSite site;

	private volatile Binding binding;

	private volatile int state;

	/**
	 * Where the record sits in its {@link LiveSet} stripe: written before the record is published there, read when it
	 * is removed.
	 */
	int slot;

	/**
	 * Creates a record.
	 * @param id its id, from {@link WorkTracker#nextId()}
	 * @param createdAt when the work was handed over, in epoch milliseconds
	 * @param site where it comes from, from {@link WorkTracker#siteOf(Object)}
	 */
	protected TrackedWork(long id, long createdAt, TrackingSite site) {
		this.id = id;
		this.createdAt = createdAt;
		this.site = site;
	}

	/**
	 * Returns the id, unique within the application, by which the endpoint and {@code cancel(id)} name the work.
	 * @return the id
	 */
	public final long id() {
		return this.id;
	}

	/**
	 * Returns when the work was handed over.
	 * @return epoch milliseconds
	 */
	public final long createdAtMillis() {
		return this.createdAt;
	}

	/**
	 * Returns when the work was handed over.
	 * @return the instant
	 */
	public final Instant createdAt() {
		return Instant.ofEpochMilli(this.createdAt);
	}

	/**
	 * Returns what runs: a {@code @Scheduled} or {@code @Async} method, a lambda's class, a task's class.
	 * @return the description
	 */
	public final String description() {
		return this.site.description;
	}

	/**
	 * Returns the call site that handed the work over, when call-site capture is on.
	 * @return the site, such as {@code com.example.Poller.start:42}, or {@code null}
	 */
	public final @Nullable String location() {
		return this.site.location;
	}

	/**
	 * Returns the name of the place the work comes from, for messages: its call site and description.
	 * @return the name
	 */
	public final String siteName() {
		return this.site.name();
	}

	/**
	 * Returns the tracker the work is live in.
	 * @return the tracker
	 */
	public final WorkTracker<?> tracker() {
		return this.site.tracker;
	}

	/**
	 * Returns the scope the work is bound to.
	 * @return {@code request}, {@code session}, {@code application}, {@code owner}, ..., or {@code null} when unbound
	 */
	public final @Nullable String boundScope() {
		Binding binding = this.binding;
		return (binding != null) ? binding.scope : null;
	}

	/**
	 * Returns the class name of the owner the work is bound to.
	 * @return the class name, or {@code null} when not bound to an owner
	 */
	public final @Nullable String boundOwner() {
		Binding binding = this.binding;
		return (binding != null) ? binding.ownerType : null;
	}

	final TrackingSite site() {
		return this.site;
	}

	/**
	 * Cancels the work because the scope or owner it is bound to ended.
	 */
	protected abstract void endOfScope();

	/**
	 * Cancels the work on request (the endpoint, {@code cancel(owner)}).
	 * @return whether this call cancelled it
	 */
	protected abstract boolean cancelNow();

	/**
	 * Returns whether the work ended without telling this record (a periodic task stopped by its scheduler's error
	 * handler, submitted work whose future an executor that shut down completed). Snapshots purge such records.
	 * @return whether the work is over
	 */
	protected abstract boolean isFinished();

	/**
	 * Called once, after the record left the tracker: drop references to user objects.
	 */
	protected abstract void released();

	/**
	 * Takes the record out of its tracker, once; later calls do nothing.
	 * @return whether this call removed it
	 */
	public final boolean remove() {
		if (!STATE.compareAndSet(this, LIVE, REMOVED)) {
			return false;
		}
		this.site.tracker.removed(this);
		Binding binding = this.binding;
		if (binding != null) {
			binding.release();
		}
		released();
		return true;
	}

	public final boolean isRemoved() {
		return this.state == REMOVED;
	}

	final void bind(Binding binding) {
		this.binding = binding;
		if (isRemoved()) {
			binding.release(); // removed while binding: remove() may have missed it
		}
	}

	final Binding binding() {
		return this.binding;
	}

	@Override
	public final int hashCode() {
		return Long.hashCode(this.id);
	}

	@Override
	public final boolean equals(Object other) {
		return this == other;
	}

}
