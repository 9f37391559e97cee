package io.github.memorylifecycle.work;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The set of live records of a {@link WorkTracker}, built for the scheduling hot path: adding and removing a record
 * costs a short uncontended lock on one of several stripes and no allocation (each record remembers its slot), and
 * readers (snapshots, metrics) never lock at all.
 * <p>
 * Each stripe is an array of slots with a free list. Writers of a stripe are serialized by its monitor; readers scan
 * the arrays with acquire reads, so that they see fully built records and may see records that are being removed
 * (callers check {@link TrackedWork#isRemoved()}); iteration is weakly consistent. A stripe that empties completely
 * gives its grown arrays back.
 *
 * @param <W> the kind of record
 */
final class LiveSet<W extends TrackedWork> implements Iterable<W> {

	private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(TrackedWork[].class);

	private static final VarHandle SIZE;

	static {
		try {
			SIZE = MethodHandles.lookup().findVarHandle(Stripe.class, "size", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private static final int INITIAL_CAPACITY = 16;

	private final Stripe[] stripes;

	private final int mask;

	LiveSet() {
		int stripes = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 4 - 1) << 1;
		this.stripes = new Stripe[stripes];
		for (int i = 0; i < stripes; i++) {
			this.stripes[i] = new Stripe();
		}
		this.mask = stripes - 1;
	}

	void add(W work) {
		this.stripes[(int) work.id() & this.mask].add(work);
	}

	boolean remove(TrackedWork work) {
		return this.stripes[(int) work.id() & this.mask].remove(work);
	}

	int size() {
		int size = 0;
		for (Stripe stripe : this.stripes) {
			size += (int) SIZE.getAcquire(stripe);
		}
		return size;
	}

	@Override
	public Iterator<W> iterator() {
		return new Itr();
	}

	private static final class Stripe {

		volatile TrackedWork[] slots = new TrackedWork[INITIAL_CAPACITY];

		private int[] free = new int[INITIAL_CAPACITY];

		private int freeCount;

		private int used;

		/** Written under the monitor with release writes (no fence on the hot path), read with acquire reads. */
		int size;

		synchronized void add(TrackedWork work) {
			TrackedWork[] slots = this.slots;
			int slot;
			if (this.freeCount > 0) {
				slot = this.free[--this.freeCount];
			}
			else {
				if (this.used == slots.length) {
					TrackedWork[] grown = new TrackedWork[slots.length * 2];
					System.arraycopy(slots, 0, grown, 0, slots.length);
					this.free = new int[grown.length];
					this.slots = grown;
					slots = grown;
				}
				slot = this.used++;
			}
			work.slot = slot;
			SLOTS.setRelease(slots, slot, work);
			SIZE.setRelease(this, this.size + 1);
		}

		synchronized boolean remove(TrackedWork work) {
			TrackedWork[] slots = this.slots;
			int slot = work.slot;
			if (slot >= slots.length || slots[slot] != work) {
				return false;
			}
			SLOTS.setRelease(slots, slot, null);
			int size = this.size - 1;
			SIZE.setRelease(this, size);
			if (size == 0 && slots.length > INITIAL_CAPACITY) {
				this.slots = new TrackedWork[INITIAL_CAPACITY];
				this.free = new int[INITIAL_CAPACITY];
				this.freeCount = 0;
				this.used = 0;
			}
			else {
				this.free[this.freeCount++] = slot;
			}
			return true;
		}

	}

	private final class Itr implements Iterator<W> {

		private int stripe;

		private TrackedWork[] slots = LiveSet.this.stripes[0].slots;

		private int index;

		private W next;

		@Override
		public boolean hasNext() {
			while (this.next == null) {
				if (this.index == this.slots.length) {
					if (++this.stripe == LiveSet.this.stripes.length) {
						return false;
					}
					this.slots = LiveSet.this.stripes[this.stripe].slots;
					this.index = 0;
					continue;
				}
				@SuppressWarnings("unchecked")
				W candidate = (W) SLOTS.getAcquire(this.slots, this.index++);
				this.next = candidate;
			}
			return true;
		}

		@Override
		public W next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			W next = this.next;
			this.next = null;
			return next;
		}

	}

}
