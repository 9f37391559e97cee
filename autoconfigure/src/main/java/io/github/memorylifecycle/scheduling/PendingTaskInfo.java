package io.github.memorylifecycle.scheduling;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one piece of pending async work: a task handed to a tracked executor, or an {@code @Async}
 * invocation, that has not completed yet.
 *
 * @param id the task's id, unique within the application, for {@link TrackedAsyncTaskExecutor#cancelTask(long)}
 * @param description what runs: the bean method of an {@code @Async} invocation
 * ({@code com.example.Reports.build}), the declaring class of a lambda ({@code com.example.Poller (lambda)}), the
 * task's class otherwise
 * @param site the call site that submitted it ({@code com.example.Reports.start:42}) when call-site capture is on,
 * otherwise {@code null}
 * @param scope the scope it is bound to ({@code request}, {@code session}, {@code application}, {@code owner}), or
 * {@code null} when unbound
 * @param owner the class name of the owner it is bound to, or {@code null}
 * @param submittedAt when it was handed to the executor
 * @param state whether it waits for a thread or runs
 */
public record PendingTaskInfo(long id, String description, @Nullable String site, @Nullable String scope,
		@Nullable String owner, Instant submittedAt, State state) {

	/**
	 * Where pending work stands.
	 */
	public enum State {

		/**
		 * Waiting for a thread of the executor.
		 */
		QUEUED,

		/**
		 * Running.
		 */
		RUNNING

	}

}
