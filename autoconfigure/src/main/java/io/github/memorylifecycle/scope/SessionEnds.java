package io.github.memorylifecycle.scope;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How this instance learns that a session ended elsewhere, for the endpoint. A type free of Spring Session and the
 * servlet API, so that the endpoint can look for it in any application.
 */
interface SessionEnds {

	/**
	 * Returns how this instance learns that a session ended elsewhere: {@code events}, {@code sweep}, or both.
	 * @return the ways, in that order; empty when it cannot learn it at all
	 */
	List<String> ends();

	/**
	 * Returns the sweep's figures.
	 * @return the figures, or {@code null} when this instance does not sweep
	 */
	@Nullable Sweep sweep();

	/**
	 * The sweep as the endpoint shows it.
	 *
	 * @param interval the pause between runs (ISO-8601)
	 * @param lastRun when the last run ended (ISO-8601), {@code null} before the first
	 * @param lastDurationMillis how long the last run took
	 * @param sessionsChecked how many sessions the last run asked the store about
	 * @param sessionsEnded how many sessions the sweep found ended, in all
	 * @param failures how many runs failed because the store did not answer, in all
	 * @param lastFailure the exception type of the last run if it failed, {@code null} otherwise
	 */
	record Sweep(String interval, @Nullable String lastRun, long lastDurationMillis, int sessionsChecked,
			long sessionsEnded, long failures, @Nullable String lastFailure) {
	}

}
