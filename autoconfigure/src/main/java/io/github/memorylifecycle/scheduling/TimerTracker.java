package io.github.memorylifecycle.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.concurrent.atomic.LongAdder;

import io.github.memorylifecycle.scheduling.TimerInfo.Kind;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.WarningKind;
import io.github.memorylifecycle.work.WorkTracker;
import io.github.memorylifecycle.work.WorkVocabulary;

/**
 * The live timers of an application, shared by every tracked scheduler in it (the {@link TrackedTaskScheduler}
 * bean, the application's own scheduler beans, the scheduler of {@code @Scheduled} methods), so that one list shows
 * them all and a timer is recorded once even when it passes through several of them.
 */
final class TimerTracker extends WorkTracker<TrackedTimer> {

	static final WorkVocabulary VOCABULARY = new WorkVocabulary("timer", "live timers scheduled", "",
			"its task, and everything the task captured, until it finishes or is cancelled", "Cancel them when done",
			"TrackedTaskScheduler", "memory.lifecycle.scheduling.site-threshold", WarningKind.TIMERS);

	private final LongAdder failures = new LongAdder();

	private volatile BiConsumer<Runnable, String> unboundTimerWatch;

	TimerTracker(Clock clock, LifecycleWarnings warnings, int siteThreshold, boolean captureSites) {
		super(clock, warnings, VOCABULARY, siteThreshold, captureSites);
	}

	/**
	 * Creates the record of a timer about to be scheduled and makes it live.
	 * @param task the user's task
	 * @param kind how it repeats
	 * @param schedule its start time, period, delay or trigger
	 * @return the record, to hand to the scheduler in place of the task
	 */
	TrackedTimer open(Runnable task, Kind kind, Object schedule) {
		TrackedTimer timer = new TrackedTimer(nextId(), clock().millis(), siteOf(task), task, kind, schedule);
		added(timer);
		return timer;
	}

	/**
	 * Sets what to do with the task of a timer scheduled without owner or scope: the leak watcher follows it from the
	 * end of the current request, so that a timer started per request and never cancelled becomes a leak suspect.
	 * The tracker lets go of a task once its timer is done or cancelled, so a task that stays reachable is one whose
	 * timer is still live.
	 * @param watch called with the user's task and the timer's description
	 */
	void watchUnboundTimersWith(BiConsumer<Runnable, String> watch) {
		this.unboundTimerWatch = watch;
	}

	/**
	 * Tells the tracker that a timer was scheduled without owner or scope.
	 * @param task the user's task
	 * @param timer its record
	 */
	void unbound(Runnable task, TrackedTimer timer) {
		BiConsumer<Runnable, String> watch = this.unboundTimerWatch;
		if (watch != null) {
			watch.accept(task, timer.description());
		}
	}

	/**
	 * Cancels every live timer: the application is stopping.
	 */
	void close() {
		for (TrackedTimer timer : live()) {
			timer.cancel(false);
		}
	}

	void failed() {
		this.failures.increment();
	}

	long failures() {
		return this.failures.sum();
	}

	List<TimerInfo> liveTimers(int limit) {
		List<TrackedTimer> timers = snapshot(limit);
		Instant now = clock().instant();
		List<TimerInfo> infos = new ArrayList<>(timers.size());
		for (TrackedTimer timer : timers) {
			infos.add(timer.info(now));
		}
		return infos;
	}

}
