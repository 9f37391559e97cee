package io.github.memorylifecycle.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.github.memorylifecycle.scheduling.TimerInfo.Outcome;
import org.jspecify.annotations.Nullable;

/**
 * The {@code timers} part of the actuator document: how many timers are live and the oldest of them, at most
 * {@code limit}; a live timer can be cancelled by its id. The message of the exception a timer's last run threw is
 * taken from the application at run time, so it is shown only with details.
 */
final class TimersContributor implements MemoryLifecycleContributor {

	private final TimerTracker tracker;

	TimersContributor(TimerTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public String part() {
		return "timers";
	}

	@Override
	public int getOrder() {
		return 200;
	}

	@Override
	public TimersDescriptor describe(int limit) {
		return describe(limit, false);
	}

	@Override
	public TimersDescriptor describe(int limit, boolean showDetails) {
		List<TimerDescriptor> items = this.tracker.liveTimers(limit)
			.stream()
			.map((timer) -> TimerDescriptor.of(timer, showDetails))
			.toList();
		return new TimersDescriptor(Math.max(this.tracker.liveCount(), items.size()), items);
	}

	@Override
	public boolean cancel(long id) {
		return this.tracker.cancel(id);
	}

	/**
	 * The {@code timers} part.
	 *
	 * @param live how many timers are live
	 * @param items the oldest live timers, oldest first, at most the limit
	 */
	record TimersDescriptor(int live, List<TimerDescriptor> items) {
	}

	/**
	 * One live timer, as {@link TimerInfo} describes it.
	 *
	 * @param id the id, to cancel it by
	 * @param kind {@code once}, {@code fixed-rate}, {@code fixed-delay} or {@code trigger}
	 * @param schedule when it runs
	 * @param description what runs
	 * @param site where it was scheduled, or {@code null}
	 * @param scope the scope it is bound to, or {@code null}
	 * @param owner the class of the owner it is bound to, or {@code null}
	 * @param createdAt when it was scheduled
	 * @param nextExecution when it runs next, or {@code null}
	 * @param executions how many times it ran
	 * @param lastOutcome {@code success} or {@code failure}, {@code null} before the first run
	 * @param exception the class of the exception the last run threw, or {@code null}
	 * @param message that exception's message, only with details, otherwise {@code null}
	 */
	record TimerDescriptor(long id, String kind, String schedule, String description, @Nullable String site,
			@Nullable String scope, @Nullable String owner, Instant createdAt, @Nullable Instant nextExecution,
			long executions, @Nullable String lastOutcome, @Nullable String exception, @Nullable String message) {

		static TimerDescriptor of(TimerInfo timer, boolean showDetails) {
			Outcome outcome = timer.lastOutcome();
			return new TimerDescriptor(timer.id(), timer.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
					timer.schedule(), timer.description(), timer.site(), timer.scope(), timer.owner(),
					timer.createdAt(), timer.nextExecution(), timer.executions(),
					(outcome != null) ? (outcome.success() ? "success" : "failure") : null,
					(outcome != null) ? outcome.exception() : null,
					(outcome != null && showDetails) ? outcome.message() : null);
		}

	}

}
