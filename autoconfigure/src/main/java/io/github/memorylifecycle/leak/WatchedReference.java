package io.github.memorylifecycle.leak;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * One watched object: a weak reference that remembers what the object was and when its scope ended, linked into
 * the watcher's list while it waits, then into its suspect group while it is still reachable.
 * <p>
 * Its links and state are guarded by the watcher; it never holds the object strongly.
 */
final class WatchedReference extends WeakReference<Object> {

	static final int WAITING = 0;

	static final int SUSPECTED = 1;

	static final int DONE = 2;

	final String description;

	final String kind;

	final String className;

	final String site;

	final long endedAtMillis;

	final long endedAtNanos;

	WatchedReference previous;

	WatchedReference next;

	int state = WAITING;

	SuspectGroup group;

	WatchedReference(Object object, ReferenceQueue<Object> queue, String description, String kind, String className,
			String site, long endedAtMillis, long endedAtNanos) {
		super(object, queue);
		this.description = description;
		this.kind = kind;
		this.className = className;
		this.site = site;
		this.endedAtMillis = endedAtMillis;
		this.endedAtNanos = endedAtNanos;
	}

}
