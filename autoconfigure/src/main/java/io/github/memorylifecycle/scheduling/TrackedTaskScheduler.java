package io.github.memorylifecycle.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import io.github.memorylifecycle.scheduling.TimerInfo.Kind;
import io.github.memorylifecycle.scope.CleanupRegistry;
import io.github.memorylifecycle.scope.Lifespan;
import io.github.memorylifecycle.scope.Lifespans;
import io.github.memorylifecycle.scope.OwnerCleanupRegistry;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.work.Binder;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;
import org.springframework.util.Assert;

/**
 * A {@link TaskScheduler} that remembers every task it schedules until the task is over, so that a timer nobody
 * cancels, and everything its task captured, is visible instead of silently kept alive. A timer is listed by
 * {@link #liveTimers()} from the moment it is scheduled until a one-shot task finishes, a trigger has no next
 * execution, or the timer is cancelled (through the returned
 * {@link ScheduledFuture}, {@link #cancelTimer(long)}, {@link #cancel(Object)}, the end of its scope, or the
 * shutdown of the application).
 * <p>
 * It decorates a real scheduler and behaves exactly like it: same threads, same timing, same return values, same
 * exceptions for bad arguments, same error handling (a failing task is recorded and its exception passed on).
 * <p>
 * Views bind the timers they schedule: {@link #forOwner(Object)} to an owner object (cancelled with
 * {@link #cancel(Object)}, or when the owner is cleaned up through the {@link OwnerCleanupRegistry} or collected),
 * {@link #forRequest()} and {@link #forSession()} to the current HTTP request or session, {@link #boundTo} to any
 * {@link CleanupRegistry}.
 * <p>
 * In a Spring Boot application the starter provides one as a bean, and also tracks the application's own
 * {@code TaskScheduler} beans and the scheduler of {@code @Scheduled} methods: all of them share one list of live
 * timers.
 */
public final class TrackedTaskScheduler implements TaskScheduler {

	private static final int DEFAULT_SITE_THRESHOLD = 100;

	private static final int STANDALONE_WARNINGS_KEPT = 100;

	private final TaskScheduler delegate;

	private final TimerTracker tracker;

	private final Lifespans lifespans;

	private final Binder binder;

	/**
	 * Creates a tracked scheduler outside of Spring Boot's auto-configuration: timers can be bound to owners and
	 * cancelled with {@link #cancel(Object)}, but not to request or session scopes, and an owner's timers are not
	 * cancelled when the owner is collected.
	 * @param delegate the scheduler that runs the tasks
	 */
	public TrackedTaskScheduler(TaskScheduler delegate) {
		this(delegate, null);
	}

	/**
	 * Creates a tracked scheduler outside of Spring Boot's auto-configuration whose owner-bound timers are also
	 * cancelled when their owner is cleaned up or collected.
	 * @param delegate the scheduler that runs the tasks
	 * @param owners the owner registry, or {@code null}
	 */
	public TrackedTaskScheduler(TaskScheduler delegate, @Nullable OwnerCleanupRegistry owners) {
		this(delegate, new TimerTracker(Clock.systemUTC(), new LifecycleWarnings(STANDALONE_WARNINGS_KEPT,
				Clock.systemUTC()), DEFAULT_SITE_THRESHOLD, false), Binder.ownersOnly(owners), null);
	}

	TrackedTaskScheduler(TaskScheduler delegate, TimerTracker tracker, Lifespans lifespans, Binder binder) {
		Assert.notNull(delegate, "delegate must not be null");
		this.delegate = delegate;
		this.tracker = tracker;
		this.lifespans = lifespans;
		this.binder = binder;
	}

	@Override
	public Clock getClock() {
		return this.delegate.getClock();
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
		if (task == null || trigger == null || task instanceof TrackedTimer) {
			return this.delegate.schedule(task, trigger);
		}
		TrackedTimer timer = open(task, Kind.TRIGGER, trigger);
		try {
			return timer.started(this.delegate.schedule(timer, timer));
		}
		catch (Throwable ex) {
			timer.abandon();
			throw ex;
		}
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
		if (task == null || startTime == null || task instanceof TrackedTimer) {
			return this.delegate.schedule(task, startTime);
		}
		TrackedTimer timer = open(task, Kind.ONCE, startTime);
		try {
			return timer.started(this.delegate.schedule(timer, startTime));
		}
		catch (Throwable ex) {
			timer.abandon();
			throw ex;
		}
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
		if (task == null || startTime == null || period == null || task instanceof TrackedTimer) {
			return this.delegate.scheduleAtFixedRate(task, startTime, period);
		}
		TrackedTimer timer = open(task, Kind.FIXED_RATE, period);
		try {
			return timer.started(this.delegate.scheduleAtFixedRate(timer, startTime, period));
		}
		catch (Throwable ex) {
			timer.abandon();
			throw ex;
		}
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
		if (task == null || period == null || task instanceof TrackedTimer) {
			return this.delegate.scheduleAtFixedRate(task, period);
		}
		TrackedTimer timer = open(task, Kind.FIXED_RATE, period);
		try {
			return timer.started(this.delegate.scheduleAtFixedRate(timer, period));
		}
		catch (Throwable ex) {
			timer.abandon();
			throw ex;
		}
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
		if (task == null || startTime == null || delay == null || task instanceof TrackedTimer) {
			return this.delegate.scheduleWithFixedDelay(task, startTime, delay);
		}
		TrackedTimer timer = open(task, Kind.FIXED_DELAY, delay);
		try {
			return timer.started(this.delegate.scheduleWithFixedDelay(timer, startTime, delay));
		}
		catch (Throwable ex) {
			timer.abandon();
			throw ex;
		}
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
		if (task == null || delay == null || task instanceof TrackedTimer) {
			return this.delegate.scheduleWithFixedDelay(task, delay);
		}
		TrackedTimer timer = open(task, Kind.FIXED_DELAY, delay);
		try {
			return timer.started(this.delegate.scheduleWithFixedDelay(timer, delay));
		}
		catch (Throwable ex) {
			timer.abandon();
			throw ex;
		}
	}

	/**
	 * Returns the live timers of every tracked scheduler of the application, oldest first. The snapshot is taken
	 * without locking: scheduling and running tasks go on while it is made.
	 * @return a snapshot of the live timers
	 */
	public List<TimerInfo> liveTimers() {
		return this.tracker.liveTimers(Integer.MAX_VALUE);
	}

	/**
	 * Returns a view of this scheduler bound to an owner: the same as
	 * {@link #boundTo(Lifespan) boundTo(Lifespan.owner(owner))}.
	 * @param owner the owner, compared by identity
	 * @return a scheduler bound to an owner
	 */
	public TaskScheduler forOwner(Object owner) {
		return boundTo(Lifespan.owner(owner));
	}

	/**
	 * Returns a view of this scheduler bound to the current request: the same as
	 * {@link #boundTo(Lifespan) boundTo(Lifespan.request())}.
	 * @return a scheduler bound to the current request
	 * @throws IllegalStateException if no request is bound to the calling thread or the application has no such
	 * scope
	 */
	public TaskScheduler forRequest() {
		return boundTo(Lifespan.request());
	}

	/**
	 * Returns a view of this scheduler bound to the current session: the same as
	 * {@link #boundTo(Lifespan) boundTo(Lifespan.session())}.
	 * @return a scheduler bound to the current session
	 * @throws IllegalStateException if no request is bound to the calling thread or the application has no such
	 * scope
	 */
	public TaskScheduler forSession() {
		return boundTo(Lifespan.session());
	}

	/**
	 * Returns a view of this scheduler bound to the scope of a registry: the same as
	 * {@link #boundTo(Lifespan) boundTo(Lifespan.of(registry))}.
	 * @param registry the registry
	 * @return a scheduler bound to the scope of a registry
	 */
	public TaskScheduler boundTo(CleanupRegistry registry) {
		return boundTo(Lifespan.of(registry));
	}

	/**
	 * Returns a view of this scheduler whose timers are cancelled when a lifespan ends: the current request or
	 * session, an owner (also cancelled by {@link #cancel(Object)}; the view does not keep the owner alive), or the
	 * scope of any registry. The view may be used from any thread.
	 * @param lifespan what the timers live as long as
	 * @return a scheduler bound to the lifespan
	 * @throws IllegalStateException if the lifespan is the current request or session and none is bound to the
	 * calling thread, or the application has no such scope
	 */
	public TaskScheduler boundTo(Lifespan lifespan) {
		return withBinder(Binder.of(lifespan, this.lifespans));
	}

	/**
	 * Cancels the live timers bound to an owner through {@link #forOwner(Object)}.
	 * @param owner the owner
	 * @return how many timers this call cancelled
	 */
	public int cancel(Object owner) {
		return this.tracker.cancel(owner);
	}

	/**
	 * Cancels one live timer, as listed by {@link #liveTimers()}.
	 * @param id the timer's id
	 * @return {@code true} if this call cancelled it, {@code false} if no live timer has that id
	 */
	public boolean cancelTimer(long id) {
		return this.tracker.cancel(id);
	}

	private TrackedTaskScheduler withBinder(Binder binder) {
		return new TrackedTaskScheduler(this.delegate, this.tracker, this.lifespans, binder);
	}

	private TrackedTimer open(Runnable task, Kind kind, Object schedule) {
		TrackedTimer timer = this.tracker.open(task, kind, schedule);
		if (this.binder != null) {
			this.binder.bind(timer);
		}
		else {
			this.tracker.unbound(task, timer);
		}
		return timer;
	}

	TimerTracker tracker() {
		return this.tracker;
	}

}
