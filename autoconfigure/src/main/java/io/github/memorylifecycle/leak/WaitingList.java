package io.github.memorylifecycle.leak;

import java.lang.ref.ReferenceQueue;
import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * The watched objects that wait to be collected, as a doubly linked list in the order their scope ended, so that
 * the oldest is always first and a collected one is unlinked in O(1). Bounded; thread-safe.
 */
final class WaitingList {

	private final Clock clock;

	private final LongSupplier nanoTime;

	private final int capacity;

	private WatchedReference head;

	private WatchedReference tail;

	private int size;

	WaitingList(Clock clock, LongSupplier nanoTime, int capacity) {
		this.clock = clock;
		this.nanoTime = nanoTime;
		this.capacity = capacity;
	}

	/**
	 * Starts watching an object whose scope ends now, unless the list is full. The times are read under the lock,
	 * which keeps the list ordered.
	 * @return {@code true} if the object is watched
	 */
	synchronized boolean add(Object object, ReferenceQueue<Object> queue, String description, String kind,
			String className, String site) {
		if (this.size >= this.capacity) {
			return false;
		}
		WatchedReference reference = new WatchedReference(object, queue, description, kind, className, site,
				this.clock.millis(), this.nanoTime.getAsLong());
		if (this.tail == null) {
			this.head = reference;
		}
		else {
			this.tail.next = reference;
			reference.previous = this.tail;
		}
		this.tail = reference;
		this.size++;
		return true;
	}

	/**
	 * Removes and returns the oldest object if it is due: its delay has passed and a collection covered it.
	 * @param now the current time in epoch milliseconds
	 * @param delayMillis the delay
	 * @param coveredBeforeNanos objects whose scope ended before this nano time are covered
	 * @return the oldest object if it is due, otherwise {@code null}
	 */
	synchronized WatchedReference pollDue(long now, long delayMillis, long coveredBeforeNanos) {
		WatchedReference first = this.head;
		if (first == null || now - first.endedAtMillis < delayMillis || first.endedAtNanos - coveredBeforeNanos >= 0) {
			return null;
		}
		unlink(first);
		return first;
	}

	/**
	 * Removes an object found collected, if it still waits.
	 * @param reference the reference of the collected object
	 * @return {@code true} if it was waiting and is removed
	 */
	synchronized boolean remove(WatchedReference reference) {
		if (reference.state != WatchedReference.WAITING) {
			return false;
		}
		unlink(reference);
		return true;
	}

	synchronized int size() {
		return this.size;
	}

	private void unlink(WatchedReference reference) {
		if (reference.previous == null) {
			this.head = reference.next;
		}
		else {
			reference.previous.next = reference.next;
		}
		if (reference.next == null) {
			this.tail = reference.previous;
		}
		else {
			reference.next.previous = reference.previous;
		}
		reference.previous = null;
		reference.next = null;
		reference.state = WatchedReference.DONE;
		this.size--;
	}

}
