package io.github.memorylifecycle.work;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The set of live records of a {@link WorkTracker}, built for the scheduling hot path: adding a record is one
 * compare-and-set on a free slot, removing it one release write, neither locks nor allocates (each record remembers
 * its slot), and readers (snapshots, metrics) never lock at all.
 * <p>
 * The set is split into stripes by record id; each stripe is a power-of-two number of fixed chunks of slots. A writer
 * claims a free slot near the stripe's hint (the slot freed or taken last) by compare-and-set; only when a few slots
 * in a row are taken does it look through the stripe under the stripe's monitor, and double the number of chunks
 * when a quarter or less of the stripe is free. Chunks never move, so a record's slot stays valid when its stripe grows. Readers
 * scan the chunks with acquire reads: they see fully built records, may see records being removed (callers check
 * {@link TrackedWork#isRemoved()}), and iteration is weakly consistent. A stripe found empty by {@link #compact()}
 * gives its grown chunks back; it first seals every free slot, so that no writer can claim a slot of a chunk that is
 * being dropped.
 *
 * @param <W> the kind of record
 */
final class LiveSet<W extends TrackedWork> implements Iterable<W> {

	private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);

	/** In a free slot of a stripe that is being compacted: taken for writers, skipped by readers. */
	private static final Object SEALED = new Object();

	private static final int CHUNK_SHIFT = 6;

	private static final int CHUNK_SIZE = 1 << CHUNK_SHIFT;

	private static final int CHUNK_MASK = CHUNK_SIZE - 1;

	/** How many slots from the hint a writer tries before it looks through the stripe. */
	private static final int PROBES = 8;

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
		stripeOf(work).add(work);
	}

	/**
	 * Removes a record. Callers remove a record at most once at a time (see {@link TrackedWork#remove()}); a record
	 * that is not in the set is left alone.
	 * @param work the record
	 * @return whether it was in the set
	 */
	boolean remove(TrackedWork work) {
		return stripeOf(work).remove(work);
	}

	/**
	 * Returns how many records are in the set, counted by a scan (for metrics and the endpoint, not hot paths).
	 * @return the count
	 */
	int size() {
		int size = 0;
		for (W ignored : this) {
			size++;
		}
		return size;
	}

	/**
	 * Gives back the grown chunks of stripes that are empty; called by the walks of the tracker, off the hot path.
	 */
	void compact() {
		for (Stripe stripe : this.stripes) {
			if (stripe.chunks.length > 1) {
				stripe.compactIfEmpty();
			}
		}
	}

	int capacity() {
		int capacity = 0;
		for (Stripe stripe : this.stripes) {
			capacity += stripe.chunks.length << CHUNK_SHIFT;
		}
		return capacity;
	}

	private Stripe stripeOf(TrackedWork work) {
		return this.stripes[(int) work.id() & this.mask];
	}

	@Override
	public Iterator<W> iterator() {
		return new Itr();
	}

	private static final class Stripe {

		/** The chunks; replaced (never changed in place) under the monitor, read without it. */
		volatile Object[][] chunks = { new Object[CHUNK_SIZE] };

		/** Where a writer looks first: a racy hint, any value is safe. */
		private int hint;

		void add(TrackedWork work) {
			for (;;) {
				Object[][] chunks = this.chunks;
				int indexMask = (chunks.length << CHUNK_SHIFT) - 1;
				int start = this.hint;
				for (int i = 0; i < PROBES; i++) {
					int index = (start + i) & indexMask;
					Object[] chunk = chunks[index >>> CHUNK_SHIFT];
					int slot = index & CHUNK_MASK;
					if (chunk[slot] == null) {
						work.slot = index; // before the record is published: a reader that removes it needs it
						if (SLOTS.compareAndSet(chunk, slot, null, work)) {
							this.hint = index + 1;
							return;
						}
					}
				}
				makeRoom(chunks);
			}
		}

		boolean remove(TrackedWork work) {
			int index = work.slot;
			Object[][] chunks = this.chunks;
			if ((index >>> CHUNK_SHIFT) >= chunks.length) {
				return false;
			}
			Object[] chunk = chunks[index >>> CHUNK_SHIFT];
			int slot = index & CHUNK_MASK;
			if (SLOTS.getAcquire(chunk, slot) != work) {
				return false;
			}
			SLOTS.setRelease(chunk, slot, null);
			this.hint = index;
			return true;
		}

		/**
		 * Points the hint at the next free slot after it, or doubles the chunks when a quarter or less of the
		 * stripe's slots is free. Looks through the whole stripe, since records are added next to each other and a
		 * crowded neighbourhood says nothing about the stripe; rare, as writers reuse the slot freed last.
		 * @param seen the chunks the writer looked at; if they changed meanwhile, the writer just tries again
		 */
		synchronized void makeRoom(Object[][] seen) {
			Object[][] chunks = this.chunks;
			if (chunks != seen) {
				return;
			}
			int capacity = chunks.length << CHUNK_SHIFT;
			int start = this.hint & (capacity - 1);
			int free = 0;
			int nextFree = -1;
			for (int i = 0; i < capacity; i++) {
				int index = (start + i) & (capacity - 1);
				if (SLOTS.getAcquire(chunks[index >>> CHUNK_SHIFT], index & CHUNK_MASK) == null) {
					free++;
					if (nextFree < 0) {
						nextFree = index;
					}
				}
			}
			if (free * 4 > capacity) {
				this.hint = nextFree;
				return;
			}
			Object[][] grown = Arrays.copyOf(chunks, chunks.length * 2);
			for (int i = chunks.length; i < grown.length; i++) {
				grown[i] = new Object[CHUNK_SIZE];
			}
			this.hint = capacity;
			this.chunks = grown;
		}

		/**
		 * Replaces the chunks by one fresh chunk if the stripe holds no record: seals every free slot first, and gives
		 * up (unsealing) at the first slot a writer took.
		 */
		synchronized void compactIfEmpty() {
			Object[][] chunks = this.chunks;
			int capacity = chunks.length << CHUNK_SHIFT;
			int sealed = 0;
			while (sealed < capacity
					&& SLOTS.compareAndSet(chunks[sealed >>> CHUNK_SHIFT], sealed & CHUNK_MASK, null, SEALED)) {
				sealed++;
			}
			if (sealed < capacity) {
				for (int index = 0; index < sealed; index++) {
					SLOTS.setRelease(chunks[index >>> CHUNK_SHIFT], index & CHUNK_MASK, null);
				}
				return;
			}
			this.hint = 0;
			this.chunks = new Object[][] { new Object[CHUNK_SIZE] };
		}

	}

	private final class Itr implements Iterator<W> {

		private int stripe;

		private Object[][] chunks = LiveSet.this.stripes[0].chunks;

		private int index;

		private W next;

		@Override
		@SuppressWarnings("unchecked")
		public boolean hasNext() {
			while (this.next == null) {
				if (this.index == this.chunks.length << CHUNK_SHIFT) {
					if (++this.stripe == LiveSet.this.stripes.length) {
						return false;
					}
					this.chunks = LiveSet.this.stripes[this.stripe].chunks;
					this.index = 0;
					continue;
				}
				Object candidate = SLOTS.getAcquire(this.chunks[this.index >>> CHUNK_SHIFT], this.index & CHUNK_MASK);
				this.index++;
				if (candidate != null && candidate != SEALED) {
					this.next = (W) candidate;
				}
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
