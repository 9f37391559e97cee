package io.github.memorylifecycle.scheduling;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The live record of one piece of tracked work (a timer, a pending async task): what the application handed to a
 * scheduler or executor and has not ended yet. It leaves its {@link WorkTracker} exactly once, when the work ends
 * or is cancelled, and on the way out releases its scope binding so that scopes never fill with dead entries.
 * <p>
 * Kept lean on purpose, since one exists per live timer or task: an id, a creation time, a shared
 * {@link TrackingSite} (description, call site, growth counter) and the binding, which is {@code null} for unbound
 * work. The record never references the owner it is bound to.
 */
abstract class TrackedWork {

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

	final long id;

	final long createdAt;

	final TrackingSite site;

	private volatile Binding binding;

	private volatile int state;

	/**
	 * Where the record sits in its {@link LiveSet} stripe; written and read under the stripe's lock.
	 */
	int slot;

	TrackedWork(long id, long createdAt, TrackingSite site) {
		this.id = id;
		this.createdAt = createdAt;
		this.site = site;
	}

	/**
	 * Cancels the work because the scope or owner it is bound to ended.
	 */
	abstract void endOfScope();

	/**
	 * Cancels the work on request (the endpoint, {@code cancel(owner)}).
	 * @return whether this call cancelled it
	 */
	abstract boolean cancelNow();

	/**
	 * Returns whether the work ended without telling this record (a periodic task stopped by its scheduler's error
	 * handler, submitted work whose future an executor that shut down completed). Snapshots purge such records.
	 * @return whether the work is over
	 */
	abstract boolean isFinished();

	/**
	 * Called once, after the record left the tracker: drop references to user objects.
	 */
	abstract void released();

	/**
	 * Takes the record out of its tracker, once; later calls do nothing.
	 * @return whether this call removed it
	 */
	final boolean remove() {
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

	final boolean isRemoved() {
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
