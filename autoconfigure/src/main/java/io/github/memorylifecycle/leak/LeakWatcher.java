package io.github.memorylifecycle.leak;

import java.util.List;

/**
 * Watches objects that should become unreachable because their scope ended, and reports those that stay reachable
 * as leak suspects.
 * <p>
 * Hand an object to {@link #watch(Object, String, String)} at the moment it should no longer be needed: the end of
 * the request that made it, the removal of a listener, the cancellation of a timer. The object is then held by a
 * weak reference only. It becomes a suspect if it is still reachable once a configurable delay has passed
 * <em>and</em> an old-generation (or mixed, or full) collection has run since: something still references it.
 * <p>
 * Watching is sampled: most calls cost one random draw and return. Pass a description that already exists (a
 * constant, a name kept anyway): building a string for every call would cost more than the watch itself.
 * Descriptions and class names are all that is ever shown; the watched object's {@code toString()} is never called.
 */
public interface LeakWatcher {

	/**
	 * Kind of the objects that users hand to the watcher themselves.
	 */
	String USER = "user";

	/**
	 * Watches an object whose life should have ended, as kind {@value #USER}.
	 * @param object the object that should become unreachable
	 * @param description what the object is, shown with the suspect
	 */
	default void watch(Object object, String description) {
		watch(object, description, USER);
	}

	/**
	 * Watches an object whose life should have ended.
	 * @param object the object that should become unreachable
	 * @param description what the object is, shown with the suspect
	 * @param kind short lowercase constant naming the scope or the feature that ended the object's life, such as
	 * {@code request}, {@code session}, {@code owner}, {@code listener} or {@code timer}; it tags the
	 * {@code memory.lifecycle.leak.suspects} metric, so it must come from a small fixed set
	 */
	void watch(Object object, String description, String kind);

	/**
	 * Draws whether the next object should be watched, for callers that pay to prepare a watch (a cleanup to
	 * register at the end of a scope) and can skip that work for objects the sampling would drop anyway. A watcher
	 * that does not sample answers {@code true}.
	 * @return whether to watch the next object
	 */
	default boolean sampled() {
		return true;
	}

	/**
	 * Watches an object the caller already drew with {@link #sampled()}, without drawing again.
	 * @param object the object that should become unreachable
	 * @param description what the object is, shown with the suspect
	 * @param kind short lowercase constant naming the scope or the feature that ended the object's life
	 */
	default void watchSampled(Object object, String description, String kind) {
		watch(object, description, kind);
	}

	/**
	 * Lets an observer see every object handed to this watcher from now on, unsampled, until
	 * {@link #stopObserving(WatchObserver)}. While any observer is attached, {@link #sampled()} answers {@code true},
	 * so that callers prepare a watch for every object. Made for leak checks in tests ({@code @LeakCheck} of
	 * {@code memory-lifecycle-spring-boot-test}), which must not miss an object to sampling; an observer costs a
	 * call per watched object, so production code has no use for it.
	 * @param observer the observer
	 * @throws UnsupportedOperationException if this watcher cannot be observed
	 */
	default void observeAll(WatchObserver observer) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot be observed");
	}

	/**
	 * Detaches an observer attached by {@link #observeAll(WatchObserver)}; does nothing for an unknown one.
	 * @param observer the observer
	 */
	default void stopObserving(WatchObserver observer) {
	}

	/**
	 * Sees the objects handed to a {@link LeakWatcher}, all of them, as they are handed over.
	 */
	@FunctionalInterface
	interface WatchObserver {

		/**
		 * Called, on the thread that handed the object over, for every object given to the watcher.
		 * @param object the object that should become unreachable
		 * @param description what the object is
		 * @param kind the kind of scope or feature that ended its life
		 */
		void watched(Object object, String description, String kind);

	}

	/**
	 * Returns the leak suspects found so far, one per fingerprint (class, registration site and kind), the ones
	 * still retained first.
	 * @return a snapshot of the suspects
	 */
	List<LeakSuspect> suspects();

}
