package io.github.memorylifecycle.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.WarningKind;
import io.github.memorylifecycle.work.Binder;
import io.github.memorylifecycle.work.TrackingSite;
import io.github.memorylifecycle.work.WorkTracker;
import io.github.memorylifecycle.work.WorkVocabulary;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.interceptor.AsyncExecutionInterceptor;

/**
 * The pending async work of an application, shared by every tracked executor in it, so that one list shows it all
 * and a task is recorded once even when it passes through several of them. It counts the work cancelled because its
 * scope or owner ended, and reports work pending for longer than a given age, once per task.
 */
final class AsyncTracker extends WorkTracker<PendingTask> {

	static final WorkVocabulary VOCABULARY = new WorkVocabulary("async task", "async tasks", " are pending at once",
			"everything it captured until it completes", "Check that they complete", "TrackedAsyncTaskExecutor",
			"memory.lifecycle.async.site-threshold", WarningKind.ASYNC);

	private static final int STUCK_REPORTS_PER_CHECK = 10;

	private static final ClassValue<Boolean> ASYNC_INTERCEPTOR_TASKS = new ClassValue<>() {

		@Override
		protected Boolean computeValue(Class<?> type) {
			return type.getNestHost() == AsyncExecutionInterceptor.class;
		}

	};

	private final LongAdder cancelledAtScopeEnd = new LongAdder();

	private final LongAdder reportedStuck = new LongAdder();

	private final LifecycleWarnings warnings;

	private final Duration stuckAfter;

	AsyncTracker(Clock clock, LifecycleWarnings warnings, int siteThreshold, boolean captureSites,
			Duration stuckAfter) {
		super(clock, warnings, VOCABULARY, siteThreshold, captureSites);
		this.warnings = warnings;
		this.stuckAfter = stuckAfter;
	}

	/**
	 * Creates the record of work about to be handed to an executor and makes it live, bound as the calling thread
	 * asked through {@link TrackedAsyncTaskExecutor#within}, or else as the view it is submitted through asks.
	 * @param task the user's {@link Runnable} or {@link java.util.concurrent.Callable}
	 * @param binder the binder of the view, or {@code null}
	 * @return the record, to hand to the executor in place of the task
	 */
	PendingTask open(Object task, Binder binder) {
		SubmissionContext context = SubmissionContext.current();
		TrackingSite site = null;
		if (context != null) {
			MethodInvocation invocation = context.asyncInvocation;
			if (invocation != null && ASYNC_INTERCEPTOR_TASKS.get(task.getClass())) {
				site = siteOf(invocation.getThis(), invocation.getMethod());
			}
			if (binder == null) {
				binder = context.binder; // a view's own binding is more specific
			}
		}
		PendingTask work = new PendingTask(nextId(), clock().millis(), (site != null) ? site : siteOf(task), task);
		added(work);
		if (binder != null) {
			binder.bind(work);
		}
		return work;
	}

	void cancelledAtScopeEnd() {
		this.cancelledAtScopeEnd.increment();
	}

	long cancelledAtScopeEndCount() {
		return this.cancelledAtScopeEnd.sum();
	}

	long reportedStuckCount() {
		return this.reportedStuck.sum();
	}

	Duration stuckAfter() {
		return this.stuckAfter;
	}

	List<PendingTaskInfo> pendingTasks(int limit) {
		List<PendingTask> tasks = snapshot(limit);
		List<PendingTaskInfo> infos = new ArrayList<>(tasks.size());
		for (PendingTask task : tasks) {
			infos.add(task.info());
		}
		return infos;
	}

	/**
	 * Reports the work pending for longer than the stuck age, once per task: up to a few tasks one by one, the
	 * others in one summary.
	 * @return how many tasks this call reported
	 */
	int reportStuck() {
		long now = clock().millis();
		long limit = this.stuckAfter.toMillis();
		int reported = 0;
		for (PendingTask task : live()) {
			if (!task.reportedStuck && !task.isRemoved() && now - task.createdAtMillis() >= limit) {
				task.reportedStuck = true;
				reported++;
				if (reported <= STUCK_REPORTS_PER_CHECK) {
					this.warnings.warn(WarningKind.ASYNC, "Async task #" + task.id() + " " + task.siteName() + " has been "
							+ task.state().name().toLowerCase(Locale.ROOT) + " for " + age(now - task.createdAtMillis())
							+ " (more than " + this.stuckAfter + "): whatever it captured stays in memory until it "
							+ "ends. Give it a timeout, or bind it to its request, session or owner so that it is "
							+ "cancelled with it");
				}
			}
		}
		if (reported > STUCK_REPORTS_PER_CHECK) {
			this.warnings.warn(WarningKind.ASYNC, (reported - STUCK_REPORTS_PER_CHECK) + " more async tasks have been "
					+ "pending for more than " + this.stuckAfter + "; see the async part of /actuator/memory-lifecycle");
		}
		this.reportedStuck.add(reported);
		return reported;
	}

	private static Duration age(long millis) {
		Duration age = Duration.ofMillis(millis);
		return (millis >= 1000) ? age.truncatedTo(ChronoUnit.SECONDS) : age;
	}

}
