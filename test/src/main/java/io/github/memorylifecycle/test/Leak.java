package io.github.memorylifecycle.test;

import org.jspecify.annotations.Nullable;

/**
 * One thing a test left behind, as the failure message names it: {@code fixed-rate PT1H, com.example.PollerTest.polls:42
 * (poll prices)}.
 *
 * @param kind the kind of leak
 * @param what what it is: the timer's schedule, the listener's event type and class, the task's description, the
 * object's class, the scope of the failed cleanup
 * @param site where the application created it, or {@code null} when unknown
 * @param detail a description given in code, or {@code null}
 */
record Leak(LeakKind kind, String what, @Nullable String site, @Nullable String detail) {

	String describe() {
		StringBuilder line = new StringBuilder(this.what);
		if (this.site != null) {
			line.append(", ").append(this.site);
		}
		if (this.detail != null && !this.detail.isEmpty() && !this.detail.equals(this.what)) {
			line.append(" (").append(this.detail).append(')');
		}
		return line.toString();
	}

}
