package io.github.memorylifecycle.scheduling;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one live timer: a task scheduled through a tracked scheduler that has neither finished nor been
 * cancelled.
 *
 * @param id the timer's id, unique within the application, for {@link TrackedTaskScheduler#cancelTimer(long)}
 * @param kind how the timer repeats
 * @param schedule when it runs: the start time of a one-shot timer ({@code 2030-01-01T00:00:00Z}), the period or
 * delay of a fixed-rate or fixed-delay timer ({@code PT5S}), {@code cron <expression>} for a cron trigger, the
 * trigger's class name for other triggers
 * @param description what runs: the bean method of a {@code @Scheduled} task ({@code com.example.Jobs.refresh}),
 * the declaring class of a lambda ({@code com.example.Poller (lambda)}), the task's class otherwise
 * @param site the call site that scheduled it ({@code com.example.Poller.start:42}) when call-site capture is on,
 * otherwise {@code null}
 * @param scope the scope it is bound to ({@code request}, {@code session}, {@code application}, {@code owner}), or
 * {@code null} when unbound
 * @param owner the class name of the owner it is bound to, or {@code null}
 * @param createdAt when it was scheduled
 * @param nextExecution when it runs next, or {@code null} when the scheduler cannot tell
 * @param executions how many times it has run
 * @param lastOutcome how the last run ended, or {@code null} before the first run
 */
public record TimerInfo(long id, Kind kind, String schedule, String description, @Nullable String site,
		@Nullable String scope, @Nullable String owner, Instant createdAt, @Nullable Instant nextExecution,
		long executions, @Nullable Outcome lastOutcome) {

	/**
	 * How a timer repeats.
	 */
	public enum Kind {

		/**
		 * Runs once at a given time.
		 */
		ONCE,

		/**
		 * Runs at a fixed rate.
		 */
		FIXED_RATE,

		/**
		 * Runs with a fixed delay between the end of one run and the start of the next.
		 */
		FIXED_DELAY,

		/**
		 * Runs when a {@link org.springframework.scheduling.Trigger} (a cron expression, for example) says so.
		 */
		TRIGGER,

		/**
		 * Runs on one of Reactor's schedulers ({@code Flux.interval}, {@code Mono.delay},
		 * {@code Scheduler.schedulePeriodically}): the schedule says {@code every <period>} or
		 * {@code once after <delay>}.
		 */
		REACTOR

	}

	/**
	 * How a run ended.
	 *
	 * @param success whether it completed normally
	 * @param exception the class name of the exception it threw, {@code null} on success
	 * @param message the message of that exception, at most 200 characters, {@code null} on success or when the
	 * exception had none
	 */
	public record Outcome(boolean success, @Nullable String exception, @Nullable String message) {

		private static final int MAX_MESSAGE_LENGTH = 200;

		/**
		 * The outcome of every successful run.
		 */
		public static final Outcome SUCCESS = new Outcome(true, null, null);

		static Outcome failure(Throwable failure) {
			String message = failure.getMessage();
			if (message != null && message.length() > MAX_MESSAGE_LENGTH) {
				message = message.substring(0, MAX_MESSAGE_LENGTH - 3) + "...";
			}
			return new Outcome(false, failure.getClass().getName(), message);
		}

	}

}
