package io.github.memorylifecycle.test;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.memorylifecycle.leak.LeakWatcher;
import io.github.memorylifecycle.support.CallSites;
import org.jspecify.annotations.Nullable;

/**
 * Records, by weak reference, every object handed to the {@link LeakWatcher} while a check runs, with what the
 * watcher was told of it. Holds no object strongly: recording cannot cause the leak it looks for.
 */
final class WatchRecorder implements LeakWatcher.WatchObserver {

	private final ReferenceQueue<Object> queue = new ReferenceQueue<>();

	private final ConcurrentLinkedQueue<Watched> watched = new ConcurrentLinkedQueue<>();

	@Override
	public void watched(Object object, String description, String kind) {
		this.watched.add(new Watched(object, this.queue, description, kind, object.getClass().getName(),
				applicationCaller()));
	}

	private static @Nullable String applicationCaller() {
		String callers = CallSites.callers(4); // this class's own frames come first: not in the starter's jar
		if (callers == null) {
			return null;
		}
		for (String site : callers.split(" <- ")) {
			if (!site.startsWith(WatchRecorder.class.getName() + ".")) {
				return site;
			}
		}
		return null;
	}

	/**
	 * Returns the recorded objects still reachable.
	 * @return one leak per object
	 */
	List<Leak> retained() {
		List<Leak> retained = new ArrayList<>();
		for (Watched entry : this.watched) {
			if (entry.get() != null) {
				retained.add(new Leak(LeakKind.RETAINED_OBJECT, entry.className + " [" + entry.kind + "]",
						entry.site, entry.description));
			}
		}
		return retained;
	}

	boolean anyReachable() {
		for (Watched entry : this.watched) {
			if (entry.get() != null) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Waits until the collector cleared a recorded reference, or the timeout passed.
	 * @param millis the timeout
	 */
	void awaitClearing(long millis) throws InterruptedException {
		if (millis > 0) {
			this.queue.remove(millis);
		}
	}

	private static final class Watched extends WeakReference<Object> {

		final String description;

		final String kind;

		final String className;

		final @Nullable String site;

		Watched(Object object, ReferenceQueue<Object> queue, String description, String kind, String className,
				@Nullable String site) {
			super(object, queue);
			this.description = description;
			this.kind = kind;
			this.className = className;
			this.site = site;
		}

	}

}
