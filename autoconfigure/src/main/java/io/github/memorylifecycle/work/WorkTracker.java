package io.github.memorylifecycle.work;

import java.lang.reflect.Method;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.memorylifecycle.support.CallSites;
import io.github.memorylifecycle.warning.LifecycleWarnings;

import org.springframework.util.Assert;

/**
 * The tracking model shared by timers and async work: the set of live records, their ids, the sites they come from
 * and the growth warning per site.
 * <p>
 * The live set ({@link LiveSet}) costs one compare-and-set to add a record and one release write to remove it, no
 * lock and no allocation, and snapshots read it without locking, so reading it (the endpoint, the metrics) never
 * blocks the threads that schedule or run work.
 * Each record leaves the set when its work ends; a snapshot also purges records whose work ended without telling
 * (see {@link TrackedWork#isFinished()}).
 *
 * @param <W> the kind of record
 */
public abstract class WorkTracker<W extends TrackedWork> {

	private static final Comparator<TrackedWork> OLDEST_FIRST = Comparator.comparingLong(TrackedWork::id);

	private static final Comparator<TrackedWork> NEWEST_FIRST = OLDEST_FIRST.reversed();

	private final LiveSet<W> live = new LiveSet<>();

	private final AtomicLong ids = new AtomicLong();

	private final Map<Object, TrackingSite> sites = new ConcurrentHashMap<>();

	private final Clock clock;

	private final LifecycleWarnings warnings;

	private final WorkVocabulary vocabulary;

	private final int siteThreshold;

	private final boolean captureSites;

	protected WorkTracker(Clock clock, LifecycleWarnings warnings, WorkVocabulary vocabulary, int siteThreshold,
			boolean captureSites) {
		Assert.notNull(clock, "clock must not be null");
		Assert.notNull(warnings, "warnings must not be null");
		Assert.isTrue(siteThreshold > 0, () -> "siteThreshold must be positive but was " + siteThreshold);
		this.clock = clock;
		this.warnings = warnings;
		this.vocabulary = vocabulary;
		this.siteThreshold = siteThreshold;
		this.captureSites = captureSites;
	}

	/**
	 * Returns the site of a task, creating it on first use. Allocates nothing for a known site unless call-site
	 * capture is on, which walks the stack.
	 * @param task the user's task
	 * @return its site
	 */
	public final TrackingSite siteOf(Object task) {
		Object key = TaskDescriptions.keyOf(task);
		String location = null;
		if (this.captureSites && key instanceof Class) { // a @Scheduled method is its own site
			location = Objects.requireNonNullElse(CallSites.caller(), "unknown");
			key = location;
		}
		TrackingSite site = this.sites.get(key);
		if (site == null) {
			String where = location;
			site = this.sites.computeIfAbsent(key,
					(k) -> new TrackingSite(this, TaskDescriptions.describe(task), where, this.siteThreshold));
		}
		return site;
	}

	/**
	 * Returns the site of a bean method's work ({@code @Async}), creating it on first use.
	 * @param target the bean
	 * @param method the method
	 * @return its site
	 */
	public final TrackingSite siteOf(Object target, Method method) {
		TrackingSite site = this.sites.get(method);
		if (site == null) {
			site = this.sites.computeIfAbsent(method, (k) -> new TrackingSite(this,
					TaskDescriptions.describe(target, method), null, this.siteThreshold));
		}
		return site;
	}

	/**
	 * Returns the live records, for a weakly consistent walk that never blocks writers.
	 * @return the live records
	 */
	public final Iterable<W> live() {
		return this.live;
	}

	/**
	 * Returns the clock that stamps work.
	 * @return the clock
	 */
	public final Clock clock() {
		return this.clock;
	}

	public final long nextId() {
		return this.ids.incrementAndGet();
	}

	/**
	 * Makes a new record live. Call before handing the work to the scheduler or executor, so that work ending at
	 * once still finds its record.
	 * @param work the new record
	 */
	public final void added(W work) {
		this.live.add(work);
		work.site().added();
	}

	final void removed(TrackedWork work) {
		if (this.live.remove(work)) {
			work.site().removed();
		}
	}

	/**
	 * Returns how many records are live, including any that ended unseen and wait for the next snapshot.
	 * @return the live count
	 */
	public final int liveCount() {
		this.live.compact(); // read by gauges at every scrape: gives back the room of a burst that is over
		return this.live.size();
	}

	/**
	 * Returns the oldest live records, oldest first, after purging the records of work that ended unseen.
	 * @param limit the most records to return
	 * @return at most {@code limit} records
	 */
	public final List<W> snapshot(int limit) {
		if (limit <= 0) {
			purge();
			return List.of();
		}
		PriorityQueue<W> oldest = new PriorityQueue<>(Math.min(limit, 64) + 1, NEWEST_FIRST);
		for (W work : this.live) {
			if (work.isFinished()) {
				work.remove();
			}
			else if (oldest.size() < limit) {
				oldest.add(work);
			}
			else if (work.id() < oldest.peek().id()) {
				oldest.poll();
				oldest.add(work);
			}
		}
		this.live.compact();
		List<W> result = new ArrayList<>(oldest);
		result.sort(OLDEST_FIRST);
		return result;
	}

	/**
	 * Removes the records of work that ended unseen, and gives back the room of emptied parts of the live set.
	 */
	public final void purge() {
		for (W work : this.live) {
			if (work.isFinished()) {
				work.remove();
			}
		}
		this.live.compact();
	}

	/**
	 * Cancels the live work bound to an owner.
	 * @param owner the owner, compared by identity
	 * @return how many records this call cancelled
	 */
	public final int cancel(Object owner) {
		Assert.notNull(owner, "owner must not be null");
		int cancelled = 0;
		for (W work : this.live) {
			Binding binding = work.binding();
			if (binding != null && binding.isOwnedBy(owner) && work.cancelNow()) {
				cancelled++;
			}
		}
		return cancelled;
	}

	/**
	 * Cancels one live record.
	 * @param id the record's id
	 * @return whether a live record with that id was cancelled
	 */
	public final boolean cancel(long id) {
		for (W work : this.live) {
			if (work.id() == id) {
				return work.cancelNow();
			}
		}
		return false;
	}

	final void warnGrowth(TrackingSite site, long count) {
		this.warnings.warn(this.vocabulary.warningKind(),
				this.vocabulary.growthMessage(site.name(), count, this.siteThreshold));
	}

	/**
	 * Returns how this tracker's work is named in messages.
	 * @return the vocabulary
	 */
	public final WorkVocabulary vocabulary() {
		return this.vocabulary;
	}

}
