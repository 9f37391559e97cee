package io.github.memorylifecycle.leak;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A group of watched objects, alike by their fingerprint, that were still reachable after their scope ended, after
 * the configured delay and after an old-generation collection.
 *
 * @param fingerprint stable identifier of the group: a hash of the kind, the class name and the site, the same from
 * one run of the application to the next
 * @param kind the kind of scope or feature that ended the objects' life, such as {@code request} or {@code owner}
 * @param className the class of the objects, with the per-run suffix of lambda and hidden classes removed
 * @param description the description given with the first object of the group
 * @param site where the first object was handed to the watcher (a few stack frames, framework frames skipped), or
 * {@code null} when sites are not captured
 * @param count how many objects of the group were found still reachable
 * @param retained how many of them are still reachable now, among those followed (at most 64 per group)
 * @param resolved how many of them were garbage-collected later: released late, not leaked
 * @param firstSuspected when the first object of the group was found still reachable
 * @param lastSuspected when the last object of the group was found still reachable
 * @param oldestScopeEnd when the scope of the oldest object still reachable ended, or {@code null} if none is
 */
public record LeakSuspect(String fingerprint, String kind, String className, String description,
		@Nullable String site, long count, long retained, long resolved, Instant firstSuspected, Instant lastSuspected,
		@Nullable Instant oldestScopeEnd) {

	/**
	 * Returns whether every followed object of the group has been garbage-collected since it was suspected.
	 * @return {@code true} when none is retained any more
	 */
	public boolean isResolved() {
		return this.retained == 0;
	}

}
