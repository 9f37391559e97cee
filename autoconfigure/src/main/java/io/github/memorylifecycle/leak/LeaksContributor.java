package io.github.memorylifecycle.leak;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;

/**
 * The {@code leaks} part of the endpoint: the suspects (grouped by fingerprint, retained first, at most
 * {@code limit}), what the watcher follows, and the heap-growth trend. Each read runs a check first, so the part is
 * up to date even when no collection happened lately.
 */
final class LeaksContributor implements MemoryLifecycleContributor {

	private final LeakWatcher watcher;

	private final HeapGrowthMonitor heapGrowth;

	private final Clock clock;

	LeaksContributor(LeakWatcher watcher, HeapGrowthMonitor heapGrowth, Clock clock) {
		this.watcher = watcher;
		this.heapGrowth = heapGrowth;
		this.clock = clock;
	}

	@Override
	public String part() {
		return "leaks";
	}

	@Override
	public int getOrder() {
		return 700;
	}

	@Override
	public LeaksDescriptor describe(int limit) {
		WeakReferenceLeakWatcher own = (this.watcher instanceof WeakReferenceLeakWatcher watcher) ? watcher : null;
		if (own != null) {
			own.check();
		}
		List<LeakSuspect> suspects = this.watcher.suspects();
		long now = this.clock.millis();
		long retained = suspects.stream().mapToLong(LeakSuspect::retained).sum();
		List<SuspectDescriptor> items = suspects.stream()
			.limit(Math.max(0, limit))
			.map((suspect) -> SuspectDescriptor.of(suspect, now))
			.toList();
		HeapGrowthMonitor.HeapGrowthDescriptor growth = (this.heapGrowth != null) ? this.heapGrowth.describe() : null;
		if (own == null) {
			return new LeaksDescriptor(suspects.size(), retained, null, null, null, null, null, null, items, growth);
		}
		return new LeaksDescriptor(suspects.size(), retained, own.waiting(), own.watched(), own.dropped(),
				own.suspectStore().overflow(), own.oldCollections(), own.sampleRate(), items, growth);
	}

	/**
	 * The {@code leaks} part.
	 *
	 * @param suspects how many suspect groups (fingerprints) there are, the total count of {@code items}
	 * @param retained how many suspected objects are still reachable, over all groups
	 * @param watching how many objects wait to be collected now
	 * @param watched how many objects were watched since startup
	 * @param dropped how many sampled objects were not watched because {@code max-watched} was reached
	 * @param overflow how many suspects were only counted because {@code max-suspects} groups were unresolved
	 * @param oldCollections how many old-generation collections the watcher learned of
	 * @param sampleRate the share of objects watched
	 * @param items the suspect groups, retained first, at most the endpoint's limit
	 * @param heapGrowth the heap-growth trend, or {@code null} when switched off
	 */
	record LeaksDescriptor(int suspects, long retained, Integer watching, Long watched, Long dropped, Long overflow,
			Long oldCollections, Double sampleRate, List<SuspectDescriptor> items,
			HeapGrowthMonitor.HeapGrowthDescriptor heapGrowth) {
	}

	/**
	 * One suspect group.
	 *
	 * @param fingerprint the stable fingerprint
	 * @param kind the kind of scope
	 * @param className the objects' class
	 * @param description the description of the first object
	 * @param site where the first object was handed to the watcher, or {@code null}
	 * @param status {@code retained} while a suspected object is still reachable, otherwise {@code resolved}
	 * @param count the objects suspected
	 * @param retained the suspected objects still reachable
	 * @param resolved the suspected objects collected later
	 * @param firstSuspected when the first object was suspected
	 * @param lastSuspected when the last object was suspected
	 * @param scopeEndedSecondsAgo how long ago the scope of the oldest retained object ended, or {@code null}
	 */
	record SuspectDescriptor(String fingerprint, String kind, String className, String description, String site,
			String status, long count, long retained, long resolved, Instant firstSuspected, Instant lastSuspected,
			Long scopeEndedSecondsAgo) {

		static SuspectDescriptor of(LeakSuspect suspect, long now) {
			Instant oldest = suspect.oldestScopeEnd();
			return new SuspectDescriptor(suspect.fingerprint(), suspect.kind(), suspect.className(),
					suspect.description(), suspect.site(), suspect.isResolved() ? "resolved" : "retained",
					suspect.count(), suspect.retained(), suspect.resolved(), suspect.firstSuspected(),
					suspect.lastSuspected(), (oldest != null) ? (now - oldest.toEpochMilli()) / 1000 : null);
		}

	}

}
