package io.github.memorylifecycle.scheduling;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.memorylifecycle.scheduling.TimerInfo.Kind;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;

/**
 * Lists the delayed and periodic work of Reactor's schedulers — {@code Flux.interval}, {@code Mono.delay},
 * {@code Scheduler.schedulePeriodically}, the reactive {@code setInterval} — among the live timers (kind
 * {@code reactor}) while it is subscribed, and forgets it when it is disposed or done. Through Reactor's public hook
 * {@link Schedulers#addExecutorServiceDecorator}: the executors of schedulers created while the application runs
 * (Reactor creates its shared ones on first use) hand their {@code schedule*} calls to the {@link TimerTracker};
 * immediate work ({@code execute}, {@code submit}) passes through untouched.
 * <p>
 * Reactor's schedulers belong to the JVM, not to an application context: the decorator is added when the context
 * starts and removed when it stops, and executors decorated meanwhile, which outlive it in Reactor's cache, reach
 * the tracker of the context started last, or pass work through untouched when none runs. Several contexts running
 * at once in one JVM (tests) share Reactor's timers in the list of the one started last.
 */
final class ReactorTimers implements SmartLifecycle {

	static final String DECORATOR_KEY = "memory-lifecycle-timers";

	private static volatile @Nullable TimerTracker current;

	private final TimerTracker tracker;

	private volatile boolean running;

	ReactorTimers(TimerTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public void start() {
		current = this.tracker;
		Schedulers.setExecutorServiceDecorator(DECORATOR_KEY, (scheduler, executor) -> new TrackingExecutor(executor));
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		synchronized (ReactorTimers.class) {
			if (current == this.tracker) {
				current = null;
				Schedulers.removeExecutorServiceDecorator(DECORATOR_KEY);
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * The schedule of a Reactor timer, as the endpoint shows it.
	 *
	 * @param periodic whether it repeats
	 * @param delay its initial delay
	 * @param period its period, zero for a one-shot timer
	 */
	record Schedule(boolean periodic, Duration delay, Duration period) {

		@Override
		public String toString() {
			return this.periodic ? "every " + this.period : "once after " + this.delay;
		}

	}

	/**
	 * A Reactor executor whose timers are tracked.
	 */
	private static final class TrackingExecutor implements ScheduledExecutorService {

		private final ScheduledExecutorService delegate;

		TrackingExecutor(ScheduledExecutorService delegate) {
			this.delegate = delegate;
		}

		@Override
		public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
			TimerTracker tracker = current;
			if (tracker == null) {
				return this.delegate.schedule(command, delay, unit);
			}
			return track(tracker, command, new Schedule(false, Duration.of(delay, unit.toChronoUnit()), Duration.ZERO),
					(timer) -> this.delegate.schedule(timer, delay, unit));
		}

		@Override
		public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
			TimerTracker tracker = current;
			if (tracker == null) {
				return this.delegate.scheduleAtFixedRate(command, initialDelay, period, unit);
			}
			return track(tracker, command, new Schedule(true, Duration.of(initialDelay, unit.toChronoUnit()),
					Duration.of(period, unit.toChronoUnit())),
					(timer) -> this.delegate.scheduleAtFixedRate(timer, initialDelay, period, unit));
		}

		@Override
		public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
				TimeUnit unit) {
			TimerTracker tracker = current;
			if (tracker == null) {
				return this.delegate.scheduleWithFixedDelay(command, initialDelay, delay, unit);
			}
			return track(tracker, command, new Schedule(true, Duration.of(initialDelay, unit.toChronoUnit()),
					Duration.of(delay, unit.toChronoUnit())),
					(timer) -> this.delegate.scheduleWithFixedDelay(timer, initialDelay, delay, unit));
		}

		private static ScheduledFuture<?> track(TimerTracker tracker, Runnable command, Schedule schedule,
				java.util.function.Function<TrackedTimer, ScheduledFuture<?>> scheduling) {
			TrackedTimer timer = tracker.open(command, Kind.REACTOR, schedule);
			try {
				return timer.started(scheduling.apply(timer));
			}
			catch (RuntimeException ex) {
				timer.abandon();
				throw ex;
			}
		}

		@Override
		@SuppressWarnings("unchecked")
		public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
			TimerTracker tracker = current;
			// Reactor's delayed tasks (Mono.delay) are both Callable and Runnable; only their cancellation is used
			if (tracker == null || !(callable instanceof Runnable command)) {
				return this.delegate.schedule(callable, delay, unit);
			}
			return (ScheduledFuture<V>) schedule(command, delay, unit);
		}

		@Override
		public void shutdown() {
			this.delegate.shutdown();
		}

		@Override
		public List<Runnable> shutdownNow() {
			return this.delegate.shutdownNow();
		}

		@Override
		public boolean isShutdown() {
			return this.delegate.isShutdown();
		}

		@Override
		public boolean isTerminated() {
			return this.delegate.isTerminated();
		}

		@Override
		public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
			return this.delegate.awaitTermination(timeout, unit);
		}

		@Override
		public <T> Future<T> submit(Callable<T> task) {
			return this.delegate.submit(task);
		}

		@Override
		public <T> Future<T> submit(Runnable task, T result) {
			return this.delegate.submit(task, result);
		}

		@Override
		public Future<?> submit(Runnable task) {
			return this.delegate.submit(task);
		}

		@Override
		public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
			return this.delegate.invokeAll(tasks);
		}

		@Override
		public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
				throws InterruptedException {
			return this.delegate.invokeAll(tasks, timeout, unit);
		}

		@Override
		public <T> T invokeAny(Collection<? extends Callable<T>> tasks)
				throws InterruptedException, ExecutionException {
			return this.delegate.invokeAny(tasks);
		}

		@Override
		public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
				throws InterruptedException, ExecutionException, TimeoutException {
			return this.delegate.invokeAny(tasks, timeout, unit);
		}

		@Override
		public void execute(Runnable command) {
			this.delegate.execute(command);
		}

	}

}
