package io.github.memorylifecycle.test;

/**
 * What a leak check looks for; each can be allowed on purpose with {@link LeakCheck#allow()}.
 */
public enum LeakKind {

	/**
	 * A tracked timer scheduled during the test and neither cancelled nor finished.
	 */
	TIMER("timer left running", "timers left running"),

	/**
	 * An event listener added at run time during the test and not removed.
	 */
	LISTENER("listener left registered", "listeners left registered"),

	/**
	 * Work handed to a tracked executor during the test and not completed.
	 */
	ASYNC_TASK("async task left pending", "async tasks left pending"),

	/**
	 * A cleanup that threw when its scope ended during the test.
	 */
	FAILED_CLEANUP("cleanup failed", "cleanups failed"),

	/**
	 * An object handed to the {@code LeakWatcher} during the test (a request- or session-scoped bean at the end of
	 * its scope, an owner cleaned up, an object given by the application) and still reachable after collections.
	 */
	RETAINED_OBJECT("object still reachable after its scope ended", "objects still reachable after their scope ended");

	private final String one;

	private final String many;

	LeakKind(String one, String many) {
		this.one = one;
		this.many = many;
	}

	String describe(int count) {
		return count + " " + ((count == 1) ? this.one : this.many);
	}

}
