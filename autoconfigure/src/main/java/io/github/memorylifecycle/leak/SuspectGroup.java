package io.github.memorylifecycle.leak;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.memorylifecycle.warning.DoublingThreshold;

/**
 * The suspects that share one fingerprint (kind, class, site): how many were found, which ones are still followed,
 * how many were collected later. Guarded by {@link LeakSuspects}.
 */
final class SuspectGroup {

	/**
	 * Most suspects of one group followed at once to learn whether they are collected later; the others are only
	 * counted, so that one big leak cannot fill the watcher.
	 */
	static final int FOLLOWED = 64;

	final Fingerprint fingerprint;

	final String description;

	final long firstSuspected;

	final DoublingThreshold warnings = new DoublingThreshold(0);

	final List<WatchedReference> followed = new ArrayList<>(4);

	long lastSuspected;

	long count;

	long resolved;

	SuspectGroup(Fingerprint fingerprint, String description, long firstSuspected) {
		this.fingerprint = fingerprint;
		this.description = description;
		this.firstSuspected = firstSuspected;
		this.lastSuspected = firstSuspected;
	}

	LeakSuspect toSuspect() {
		long oldest = Long.MAX_VALUE;
		for (WatchedReference reference : this.followed) {
			oldest = Math.min(oldest, reference.endedAtMillis);
		}
		return new LeakSuspect(this.fingerprint.id(), this.fingerprint.kind(), this.fingerprint.className(),
				this.description, this.fingerprint.site(), this.count, this.followed.size(), this.resolved,
				Instant.ofEpochMilli(this.firstSuspected), Instant.ofEpochMilli(this.lastSuspected),
				(oldest != Long.MAX_VALUE) ? Instant.ofEpochMilli(oldest) : null);
	}

	/**
	 * What makes suspects alike. The id is a 64-bit FNV-1a hash of the three parts, stable across runs.
	 *
	 * @param kind the kind
	 * @param className the normalized class name
	 * @param site the registration site, or {@code null}
	 */
	record Fingerprint(String kind, String className, String site) {

		String id() {
			long hash = 0xcbf29ce484222325L;
			hash = hash(hash, this.kind);
			hash = hash(hash, this.className);
			hash = hash(hash, (this.site != null) ? this.site : "");
			String hex = Long.toHexString(hash);
			return "0".repeat(16 - hex.length()) + hex;
		}

		private static long hash(long hash, String part) {
			for (int i = 0; i < part.length(); i++) {
				hash = (hash ^ part.charAt(i)) * 0x100000001b3L;
			}
			return (hash ^ 0xff) * 0x100000001b3L; // separator, so that ("ab", "c") differs from ("a", "bc")
		}

	}

}
