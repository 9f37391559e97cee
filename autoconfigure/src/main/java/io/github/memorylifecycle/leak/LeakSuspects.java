package io.github.memorylifecycle.leak;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.memorylifecycle.leak.SuspectGroup.Fingerprint;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.WarningKind;

/**
 * The suspects found so far, grouped by fingerprint in a bounded map, with a live count of retained suspects per
 * kind for the metrics. Warns once per fingerprint and again each time its count doubles.
 * <p>
 * Suspects are added and resolved on the watcher's check, rarely; every method is synchronized.
 */
final class LeakSuspects {

	private static final Comparator<LeakSuspect> RETAINED_FIRST = Comparator
		.comparingLong(LeakSuspect::retained)
		.thenComparingLong(LeakSuspect::count)
		.reversed();

	private final int capacity;

	private final LifecycleWarnings warnings;

	private final Map<Fingerprint, SuspectGroup> groups = new LinkedHashMap<>();

	private final Map<String, AtomicLong> retainedByKind = new ConcurrentHashMap<>();

	private final List<Consumer<String>> kindListeners = new CopyOnWriteArrayList<>();

	private long overflow;

	LeakSuspects(int capacity, LifecycleWarnings warnings) {
		this.capacity = capacity;
		this.warnings = warnings;
	}

	/**
	 * Records an object found still reachable: follows it in its group, or only counts it when the group follows
	 * enough already or there is no room for its fingerprint.
	 * @param reference the watched object
	 * @param now the current time in epoch milliseconds
	 */
	void suspect(WatchedReference reference, long now) {
		String warning = null;
		synchronized (this) {
			Fingerprint fingerprint = new Fingerprint(reference.kind, reference.className, reference.site);
			SuspectGroup group = this.groups.get(fingerprint);
			if (group == null) {
				if (this.groups.size() >= this.capacity && !evictResolvedGroup()) {
					this.overflow++;
					forget(reference);
					return;
				}
				group = new SuspectGroup(fingerprint, reference.description, now);
				this.groups.put(fingerprint, group);
			}
			group.count++;
			group.lastSuspected = now;
			if (group.followed.size() < SuspectGroup.FOLLOWED) {
				group.followed.add(reference);
				reference.group = group;
				reference.state = WatchedReference.SUSPECTED;
				retained(reference.kind).incrementAndGet();
			}
			else {
				forget(reference);
			}
			if (group.warnings.shouldWarn(group.count)) {
				warning = LeakMessages.suspect(group, now - reference.endedAtMillis);
			}
		}
		if (warning != null) {
			this.warnings.warn(WarningKind.LEAKS, warning);
		}
	}

	/**
	 * Records that a suspected object was garbage-collected after all.
	 * @param reference the suspected object's reference, found on the reference queue
	 */
	synchronized void collected(WatchedReference reference) {
		SuspectGroup group = reference.group;
		if (group == null) {
			return;
		}
		for (Iterator<WatchedReference> iterator = group.followed.iterator(); iterator.hasNext();) {
			if (iterator.next() == reference) {
				iterator.remove();
				group.resolved++;
				retained(reference.kind).decrementAndGet();
				break;
			}
		}
		reference.group = null;
		reference.state = WatchedReference.DONE;
	}

	synchronized List<LeakSuspect> snapshot() {
		List<LeakSuspect> suspects = new ArrayList<>(this.groups.size());
		for (SuspectGroup group : this.groups.values()) {
			suspects.add(group.toSuspect());
		}
		suspects.sort(RETAINED_FIRST);
		return suspects;
	}

	/**
	 * Returns how many suspects found no room because the map of fingerprints was full of unresolved groups.
	 * @return the suspects only counted
	 */
	synchronized long overflow() {
		return this.overflow;
	}

	long retained() {
		long sum = 0;
		for (AtomicLong count : this.retainedByKind.values()) {
			sum += count.get();
		}
		return sum;
	}

	/**
	 * Returns the live count of retained suspects of a kind, creating it at zero.
	 * @param kind the kind
	 * @return the live count
	 */
	AtomicLong retained(String kind) {
		AtomicLong count = this.retainedByKind.get(kind);
		if (count == null) {
			AtomicLong created = new AtomicLong();
			count = this.retainedByKind.putIfAbsent(kind, created);
			if (count == null) {
				count = created;
				for (Consumer<String> listener : this.kindListeners) {
					listener.accept(kind);
				}
			}
		}
		return count;
	}

	/**
	 * Calls a listener with every kind known now and each kind seen later, so that a meter follows each kind.
	 * @param listener the listener
	 */
	void onKind(Consumer<String> listener) {
		this.kindListeners.add(listener);
		this.retainedByKind.keySet().forEach(listener);
	}

	private boolean evictResolvedGroup() {
		SuspectGroup oldest = null;
		for (SuspectGroup group : this.groups.values()) {
			if (group.followed.isEmpty() && (oldest == null || group.lastSuspected < oldest.lastSuspected)) {
				oldest = group;
			}
		}
		if (oldest == null) {
			return false;
		}
		this.groups.remove(oldest.fingerprint);
		return true;
	}

	private static void forget(WatchedReference reference) {
		reference.clear();
		reference.state = WatchedReference.DONE;
	}

}
