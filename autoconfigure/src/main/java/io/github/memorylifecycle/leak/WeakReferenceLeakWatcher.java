package io.github.memorylifecycle.leak;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import io.github.memorylifecycle.support.CallSites;
import io.github.memorylifecycle.support.ClassNames;
import io.github.memorylifecycle.warning.LifecycleWarnings;

import org.springframework.util.Assert;

/**
 * The {@link LeakWatcher}: sampled objects are held by weak references registered with one
 * {@link ReferenceQueue}, waiting in a {@link WaitingList} in the order their scope ended. No thread of its own:
 * each {@linkplain #check() check}, run on every GC notification and on every read of the endpoint, drains the
 * queue (forgetting the objects collected meanwhile) and takes from the oldest end of the list the objects whose
 * delay has passed and that an old-generation collection has covered: those still reachable become suspects.
 * <p>
 * A collection covers an object when it started after the object's scope ended (see {@link CollectionClassifier}):
 * only then does "still reachable" prove that something references the object.
 */
final class WeakReferenceLeakWatcher implements LeakWatcher, CollectionListener {

	/**
	 * How many frames of application code a registration site holds.
	 */
	static final int SITE_FRAMES = 3;

	/**
	 * Most distinct kinds; later ones are watched as {@code other}, to keep the metric's tags bounded.
	 */
	static final int MAX_KINDS = 16;

	private final Clock clock;

	private final long delayMillis;

	private final double sampleRate;

	private final boolean captureSites;

	private final WaitingList waiting;

	private final LeakSuspects suspects;

	private final ReferenceQueue<Object> queue = new ReferenceQueue<>();

	private final List<WatchObserver> observers = new CopyOnWriteArrayList<>();

	private volatile boolean observed; // whether observers is not empty: one volatile read on the sampled path

	private final ReentrantLock checking = new ReentrantLock();

	private final Set<String> kinds = ConcurrentHashMap.newKeySet();

	private final LongAdder watched = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final AtomicLong oldCollections = new AtomicLong();

	private final AtomicLong coveredBeforeNanos;

	WeakReferenceLeakWatcher(LeakProperties properties, LifecycleWarnings warnings, Clock clock,
			LongSupplier nanoTime) {
		this.clock = clock;
		this.delayMillis = properties.getDelay().toMillis();
		this.sampleRate = properties.getSampleRate();
		this.captureSites = properties.isCaptureSites();
		this.waiting = new WaitingList(clock, nanoTime, properties.getMaxWatched());
		this.suspects = new LeakSuspects(properties.getMaxSuspects(), warnings);
		this.coveredBeforeNanos = new AtomicLong(nanoTime.getAsLong() - 1); // nothing watched from now on
	}

	@Override
	public void watch(Object object, String description, String kind) {
		Assert.notNull(object, "object must not be null");
		if (this.observed) {
			notifyObservers(object, description, kind);
			track(object, description, kind, this.captureSites ? CallSites.callers(SITE_FRAMES) : null);
		}
		else if (sampled()) {
			track(object, description, kind, this.captureSites ? CallSites.callers(SITE_FRAMES) : null);
		}
	}

	@Override
	public List<LeakSuspect> suspects() {
		return this.suspects.snapshot();
	}

	@Override
	public void collected(GcOutcome outcome) {
		if (outcome.old()) {
			oldCollection(outcome.coversBeforeNanos());
		}
		else {
			check();
		}
	}

	/**
	 * Draws whether to watch the next object: one random number, no allocation.
	 * @return {@code true} for an object to watch
	 */
	@Override
	public boolean sampled() {
		if (this.observed) {
			return true;
		}
		double rate = this.sampleRate;
		return rate >= 1.0 || (rate > 0.0 && ThreadLocalRandom.current().nextDouble() < rate);
	}

	@Override
	public void watchSampled(Object object, String description, String kind) {
		Assert.notNull(object, "object must not be null");
		if (this.observed) {
			notifyObservers(object, description, kind);
		}
		track(object, description, kind, null);
	}

	@Override
	public void observeAll(WatchObserver observer) {
		Assert.notNull(observer, "observer must not be null");
		this.observers.add(observer);
		this.observed = true;
	}

	@Override
	public void stopObserving(WatchObserver observer) {
		this.observers.remove(observer);
		this.observed = !this.observers.isEmpty();
	}

	private void notifyObservers(Object object, String description, String kind) {
		for (WatchObserver observer : this.observers) {
			observer.watched(object, description, kind);
		}
	}

	/**
	 * Watches an object already sampled, from now on.
	 * @param object the object whose scope just ended
	 * @param description what it is
	 * @param kind the kind of scope
	 * @param site where it was registered, or {@code null}
	 */
	void track(Object object, String description, String kind, String site) {
		Assert.hasText(kind, "kind must not be empty");
		String className = className(object);
		String boundedKind = boundedKind(kind);
		if (this.waiting.add(object, this.queue, description, boundedKind, className, site)
				|| (expunge() > 0 && this.waiting.add(object, this.queue, description, boundedKind, className, site))) {
			this.watched.increment();
		}
		else {
			this.dropped.increment();
		}
	}

	/**
	 * Learns that an old-generation collection covered every object whose scope ended before a point in time, and
	 * checks.
	 * @param coversBeforeNanos the point in time, in {@link System#nanoTime()} terms
	 */
	void oldCollection(long coversBeforeNanos) {
		this.coveredBeforeNanos.accumulateAndGet(coversBeforeNanos,
				(current, candidate) -> (candidate - current > 0) ? candidate : current);
		this.oldCollections.incrementAndGet();
		check();
	}

	/**
	 * Forgets the objects collected meanwhile and turns the due objects still reachable into suspects. Returns at
	 * once if another thread is checking.
	 */
	void check() {
		if (!this.checking.tryLock()) {
			return;
		}
		try {
			drain();
			long now = this.clock.millis();
			long coveredBefore = this.coveredBeforeNanos.get();
			WatchedReference due;
			while ((due = this.waiting.pollDue(now, this.delayMillis, coveredBefore)) != null) {
				if (!due.refersTo(null)) {
					this.suspects.suspect(due, now);
				}
			}
		}
		finally {
			this.checking.unlock();
		}
	}

	int waiting() {
		return this.waiting.size();
	}

	long watched() {
		return this.watched.sum();
	}

	long dropped() {
		return this.dropped.sum();
	}

	long oldCollections() {
		return this.oldCollections.get();
	}

	double sampleRate() {
		return this.sampleRate;
	}

	LeakSuspects suspectStore() {
		return this.suspects;
	}

	private int expunge() {
		if (!this.checking.tryLock()) {
			return 0;
		}
		try {
			return drain();
		}
		finally {
			this.checking.unlock();
		}
	}

	private int drain() {
		int drained = 0;
		for (Reference<?> polled; (polled = this.queue.poll()) != null;) {
			WatchedReference reference = (WatchedReference) polled;
			drained++;
			if (!this.waiting.remove(reference) && reference.state == WatchedReference.SUSPECTED) {
				this.suspects.collected(reference);
			}
		}
		return drained;
	}

	private String boundedKind(String kind) {
		if (this.kinds.contains(kind)) {
			return kind;
		}
		synchronized (this.kinds) {
			if (this.kinds.size() < MAX_KINDS) {
				this.kinds.add(kind);
				return kind;
			}
		}
		return this.kinds.contains(kind) ? kind : "other";
	}

	/**
	 * Returns a class name that is the same from one run to the next, as {@link ClassNames} names it.
	 * @param object the object
	 * @return the stable class name
	 */
	static String className(Object object) {
		return ClassNames.of(object);
	}

}
