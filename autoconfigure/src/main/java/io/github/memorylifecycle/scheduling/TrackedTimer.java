package io.github.memorylifecycle.scheduling;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.memorylifecycle.scheduling.TimerInfo.Kind;
import io.github.memorylifecycle.scheduling.TimerInfo.Outcome;
import io.github.memorylifecycle.work.FutureWork;
import io.github.memorylifecycle.work.TrackingSite;

import org.springframework.scheduling.SchedulingAwareRunnable;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.TriggerContext;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.scheduling.support.PeriodicTrigger;

/**
 * The live record of one timer, which is also everything the tracking puts between the application and its
 * scheduler, so that tracking a timer costs one object:
 * <ul>
 * <li>the {@link Runnable} handed to the scheduler in place of the user's task: it counts runs, records the outcome
 * and leaves the tracker when a one-shot task finishes;</li>
 * <li>for trigger tasks, the {@link Trigger} handed to the scheduler: it leaves the tracker when the user's trigger
 * has no next execution;</li>
 * <li>the {@link ScheduledFuture} returned to the application: cancelling it leaves the tracker.</li>
 * </ul>
 * Failures are recorded and rethrown untouched, so that the scheduler's own error handling stays in charge. Once
 * the timer has left the tracker the record drops the user's task, so that a cancelled timer whose entry lingers in
 * the scheduler's queue no longer pins what the task captured.
 */
final class TrackedTimer extends FutureWork<ScheduledFuture<?>>
		implements SchedulingAwareRunnable, ScheduledFuture<Object>, Trigger {

	/** In {@link #future} while the timer is cancelled before the scheduler handed its future over. */
	private static final Object CANCEL_REQUESTED = new Object();

	private static final VarHandle EXECUTIONS;

	private static final VarHandle FUTURE;

	static {
		try {
			EXECUTIONS = MethodHandles.lookup().findVarHandle(TrackedTimer.class, "executions", long.class);
			FUTURE = MethodHandles.lookup().findVarHandle(TrackedTimer.class, "future", Object.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	final Kind kind;

	private final Object schedule;

	private Runnable task;

	/**
	 * The scheduler's future once handed over, {@code null} before, or {@link #CANCEL_REQUESTED} when someone
	 * cancelled the timer before: one field set by compare-and-set, so that neither handing the future over nor
	 * cancelling needs more than one atomic step.
	 */
	private volatile Object future;

	private volatile long executions;

	private volatile Outcome outcome;

	TrackedTimer(long id, long createdAt, TrackingSite site, Runnable task, Kind kind, Object schedule) {
		super(id, createdAt, site);
		this.task = task;
		this.kind = kind;
		this.schedule = schedule;
	}

	/**
	 * Hands over the scheduler's future once the timer is scheduled.
	 * @param future what the scheduler returned, {@code null} for a trigger without a first execution
	 * @return this record, to return to the application in place of the scheduler's future, or {@code null}
	 */
	ScheduledFuture<?> started(ScheduledFuture<?> future) {
		if (future == null) {
			remove();
			return null;
		}
		if (!FUTURE.compareAndSet(this, null, future)) {
			// cancelled (its scope ended) while it was being scheduled. Not "removed": a one-shot task that already
			// ran and failed is removed too, and cancelling its future now would hide its exception
			this.future = future;
			future.cancel(false);
		}
		return this;
	}

	/**
	 * Forgets a timer the scheduler refused.
	 */
	void abandon() {
		remove();
	}

	@Override
	public void run() {
		Runnable task = this.task;
		if (task == null) {
			return; // cancelled while the scheduler was dispatching it
		}
		boolean succeeded = false;
		try {
			task.run();
			succeeded = true;
		}
		catch (Throwable ex) {
			this.outcome = Outcome.failure(ex);
			((TimerTracker) tracker()).failed();
			throw ex;
		}
		finally {
			EXECUTIONS.getAndAdd(this, 1L);
			if (succeeded && this.outcome != Outcome.SUCCESS) {
				this.outcome = Outcome.SUCCESS;
			}
			if (this.kind == Kind.ONCE || (this.schedule instanceof ReactorTimers.Schedule reactor && !reactor.periodic())) {
				remove();
			}
		}
	}

	@Override
	public Instant nextExecution(TriggerContext triggerContext) {
		Instant next = ((Trigger) this.schedule).nextExecution(triggerContext);
		if (next == null) {
			remove();
		}
		return next;
	}

	@Override
	public boolean isLongLived() {
		return !(this.task instanceof SchedulingAwareRunnable aware) || aware.isLongLived();
	}

	@Override
	public String getQualifier() {
		return (this.task instanceof SchedulingAwareRunnable aware) ? aware.getQualifier() : null;
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		ScheduledFuture<?> future = handedOverOrCancelRequested();
		boolean cancelled = future != null && future.cancel(mayInterruptIfRunning);
		remove();
		return cancelled;
	}

	/**
	 * Returns the scheduler's future if it was handed over; otherwise marks the timer as cancelled, so that
	 * {@link #started(ScheduledFuture)} cancels the future when it comes.
	 */
	private ScheduledFuture<?> handedOverOrCancelRequested() {
		Object future = this.future;
		if (future == null && !FUTURE.compareAndSet(this, null, CANCEL_REQUESTED)) {
			future = this.future; // handed over meanwhile
		}
		return (future instanceof ScheduledFuture<?> scheduled) ? scheduled : null;
	}

	@Override
	protected ScheduledFuture<?> handedOver() {
		return (this.future instanceof ScheduledFuture<?> scheduled) ? scheduled : null;
	}

	@Override
	public long getDelay(TimeUnit unit) {
		return future().getDelay(unit);
	}

	@Override
	public int compareTo(Delayed other) {
		return future().compareTo(other);
	}

	@Override
	protected void endOfScope() {
		cancel(false);
	}

	@Override
	protected boolean cancelNow() {
		ScheduledFuture<?> future = handedOverOrCancelRequested();
		if (future != null) {
			future.cancel(false);
		}
		return remove();
	}

	@Override
	protected boolean isFinished() {
		ScheduledFuture<?> future = handedOver();
		return future != null && future.isDone();
	}

	@Override
	protected void released() {
		this.task = null;
	}

	TimerInfo info(Instant now) {
		ScheduledFuture<?> future = handedOver();
		Instant next = (future != null && !future.isDone())
				? now.plusNanos(Math.max(0, future.getDelay(TimeUnit.NANOSECONDS))) : null;
		return new TimerInfo(id(), this.kind, describeSchedule(), description(), location(),
				boundScope(), boundOwner(),
				createdAt(), next, this.executions, this.outcome);
	}

	private String describeSchedule() {
		Object schedule = this.schedule;
		if (schedule instanceof Date date) {
			return date.toInstant().toString();
		}
		if (schedule instanceof Long millis) {
			return Duration.ofMillis(millis).toString();
		}
		if (schedule instanceof CronTrigger cron) {
			return "cron " + cron.getExpression();
		}
		if (schedule instanceof PeriodicTrigger periodic) {
			return (periodic.isFixedRate() ? "fixed rate " : "fixed delay ") + periodic.getPeriodDuration();
		}
		if (schedule instanceof Trigger) {
			return schedule.getClass().getName();
		}
		return String.valueOf(schedule); // Instant or Duration
	}

}
