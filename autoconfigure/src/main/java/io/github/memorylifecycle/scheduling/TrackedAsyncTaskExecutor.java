package io.github.memorylifecycle.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import io.github.memorylifecycle.scope.CleanupRegistry;
import io.github.memorylifecycle.scope.Lifespan;
import io.github.memorylifecycle.scope.Lifespans;
import io.github.memorylifecycle.scope.OwnerCleanupRegistry;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.work.Binder;

import org.jspecify.annotations.Nullable;

import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.util.Assert;

/**
 * An {@link AsyncTaskExecutor} that remembers every task handed to it until the task completes, fails or is
 * cancelled, so that work whose result nobody will read anymore is visible and can be cancelled.
 * {@link #pendingTasks()} lists it, queued or running.
 * <p>
 * It decorates a real executor and behaves exactly like it: same threads, same return types ({@code submit}
 * returns a {@link Future} that cancels like the executor's, {@code submitCompletable} the executor's own
 * {@link CompletableFuture}), same exceptions, same error handling.
 * <p>
 * Views bind the work they start to a scope, so that work whose result nobody will read anymore does not hold what
 * it captured: when the scope ends, still-pending work is cancelled (queued work never starts, running work is
 * interrupted) and counted. {@link #forRequest()} and {@link #forSession()} bind to the current HTTP request or
 * session, {@link #forOwner(Object)} to an owner object, {@link #boundTo} to any {@link CleanupRegistry}.
 * {@link #within(Supplier)} binds the work a block of code starts on other executors or through {@code @Async}
 * methods. Unbound work is listed and never cancelled by the tracking.
 * <p>
 * In a Spring Boot application the starter provides one as a bean, and also tracks the application's own
 * {@code AsyncTaskExecutor} beans (Spring Boot's {@code applicationTaskExecutor}, which runs {@code @Async}
 * methods): all of them share one list of pending work.
 */
public final class TrackedAsyncTaskExecutor implements AsyncTaskExecutor {

	// non-capturing, so that submitting allocates nothing for them
	private static final BiFunction<AsyncTaskExecutor, PendingTask, Future<?>> SUBMIT_RUNNABLE = (executor,
			work) -> executor.submit((Runnable) work);

	private static final BiFunction<AsyncTaskExecutor, PendingTask, Future<?>> SUBMIT_CALLABLE = (executor,
			work) -> executor.submit((Callable<Object>) work);

	private static final BiFunction<AsyncTaskExecutor, PendingTask, CompletableFuture<?>> SUBMIT_COMPLETABLE_RUNNABLE = (
			executor, work) -> executor.submitCompletable((Runnable) work);

	private static final BiFunction<AsyncTaskExecutor, PendingTask, CompletableFuture<?>> SUBMIT_COMPLETABLE_CALLABLE = (
			executor, work) -> executor.submitCompletable((Callable<Object>) work);

	private static final int DEFAULT_SITE_THRESHOLD = 1000;

	private static final int STANDALONE_WARNINGS_KEPT = 100;

	private static final Duration DEFAULT_STUCK_AFTER = Duration.ofMinutes(5);

	private final AsyncTaskExecutor delegate;

	private final AsyncTracker tracker;

	private final Lifespans lifespans;

	private final Binder binder;

	/**
	 * Creates a tracked executor outside of Spring Boot's auto-configuration: work can be bound to owners and
	 * scope registries, but not to the current request or session.
	 * @param delegate the executor that runs the tasks
	 */
	public TrackedAsyncTaskExecutor(AsyncTaskExecutor delegate) {
		this(delegate, null);
	}

	/**
	 * Creates a tracked executor outside of Spring Boot's auto-configuration whose owner-bound work is also
	 * cancelled when its owner is cleaned up or collected.
	 * @param delegate the executor that runs the tasks
	 * @param owners the owner registry, or {@code null}
	 */
	public TrackedAsyncTaskExecutor(AsyncTaskExecutor delegate, @Nullable OwnerCleanupRegistry owners) {
		this(delegate, new AsyncTracker(Clock.systemUTC(), new LifecycleWarnings(STANDALONE_WARNINGS_KEPT,
				Clock.systemUTC()), DEFAULT_SITE_THRESHOLD, false, DEFAULT_STUCK_AFTER),
				Binder.ownersOnly(owners), null);
	}

	TrackedAsyncTaskExecutor(AsyncTaskExecutor delegate, AsyncTracker tracker, Lifespans lifespans, Binder binder) {
		Assert.notNull(delegate, "delegate must not be null");
		this.delegate = delegate;
		this.tracker = tracker;
		this.lifespans = lifespans;
		this.binder = binder;
	}

	@Override
	public void execute(Runnable task) {
		if (task == null || task instanceof PendingTask) {
			this.delegate.execute(task);
			return;
		}
		PendingTask work = this.tracker.open(task, this.binder);
		if (work.cancelledBeforeSubmission()) {
			return;
		}
		try {
			this.delegate.execute(work);
		}
		catch (Throwable ex) {
			work.abandon();
			throw ex;
		}
	}

	@Override
	public Future<?> submit(Runnable task) {
		if (task == null || task instanceof PendingTask) {
			return this.delegate.submit(task);
		}
		return this.tracker.open(task, this.binder).submitTo(this.delegate, SUBMIT_RUNNABLE);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> Future<T> submit(Callable<T> task) {
		if (task == null || task instanceof PendingTask) {
			return this.delegate.submit(task);
		}
		return (Future<T>) this.tracker.open(task, this.binder).submitTo(this.delegate, SUBMIT_CALLABLE);
	}

	@Override
	@SuppressWarnings("unchecked")
	public CompletableFuture<Void> submitCompletable(Runnable task) {
		if (task == null || task instanceof PendingTask) {
			return this.delegate.submitCompletable(task);
		}
		return (CompletableFuture<Void>) this.tracker.open(task, this.binder)
			.submitCompletableTo(this.delegate, SUBMIT_COMPLETABLE_RUNNABLE);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> CompletableFuture<T> submitCompletable(Callable<T> task) {
		if (task == null || task instanceof PendingTask) {
			return this.delegate.submitCompletable(task);
		}
		return (CompletableFuture<T>) this.tracker.open(task, this.binder)
			.submitCompletableTo(this.delegate, SUBMIT_COMPLETABLE_CALLABLE);
	}

	/**
	 * Returns the pending work of every tracked executor of the application, oldest first. The snapshot is taken
	 * without locking: submitting and running work go on while it is made.
	 * @return a snapshot of the pending work
	 */
	public List<PendingTaskInfo> pendingTasks() {
		return this.tracker.pendingTasks(Integer.MAX_VALUE);
	}

	/**
	 * Returns how many pending tasks were cancelled because the scope or owner they were bound to ended.
	 * @return the count since start
	 */
	public long cancelledAtScopeEnd() {
		return this.tracker.cancelledAtScopeEndCount();
	}

	/**
	 * Returns a view of this executor bound to an owner: the same as
	 * {@link #boundTo(Lifespan) boundTo(Lifespan.owner(owner))}.
	 * @param owner the owner, compared by identity
	 * @return a executor bound to an owner
	 */
	public TrackedAsyncTaskExecutor forOwner(Object owner) {
		return boundTo(Lifespan.owner(owner));
	}

	/**
	 * Returns a view of this executor bound to the current request: the same as
	 * {@link #boundTo(Lifespan) boundTo(Lifespan.request())}.
	 * @return a executor bound to the current request
	 * @throws IllegalStateException if no request is bound to the calling thread or the application has no such
	 * scope
	 */
	public TrackedAsyncTaskExecutor forRequest() {
		return boundTo(Lifespan.request());
	}

	/**
	 * Returns a view of this executor bound to the current session: the same as
	 * {@link #boundTo(Lifespan) boundTo(Lifespan.session())}.
	 * @return a executor bound to the current session
	 * @throws IllegalStateException if no request is bound to the calling thread or the application has no such
	 * scope
	 */
	public TrackedAsyncTaskExecutor forSession() {
		return boundTo(Lifespan.session());
	}

	/**
	 * Returns a view of this executor bound to the scope of a registry: the same as
	 * {@link #boundTo(Lifespan) boundTo(Lifespan.of(registry))}.
	 * @param registry the registry
	 * @return a executor bound to the scope of a registry
	 */
	public TrackedAsyncTaskExecutor boundTo(CleanupRegistry registry) {
		return boundTo(Lifespan.of(registry));
	}

	/**
	 * Returns a view of this executor whose work is cancelled if still pending when a lifespan ends: the current
	 * request or session, an owner (also cancelled by {@link #cancel(Object)}; the view does not keep the owner
	 * alive), or the scope of any registry. The view may be used from any thread.
	 * @param lifespan what the work lives as long as
	 * @return an executor bound to the lifespan
	 * @throws IllegalStateException if the lifespan is the current request or session and none is bound to the
	 * calling thread, or the application has no such scope
	 */
	public TrackedAsyncTaskExecutor boundTo(Lifespan lifespan) {
		return withBinder(Binder.of(lifespan, this.lifespans));
	}

	/**
	 * Calls a block of code, binding like this view all the work the calling thread hands meanwhile to any tracked
	 * executor of the application: {@code @Async} methods, {@code CompletableFuture.supplyAsync(..., executor)},
	 * other executor beans. Work submitted through a view of its own keeps that view's binding.
	 * <pre class="code">
	 * CompletableFuture&lt;Report&gt; report = executor.forRequest().within(() -&gt; reports.buildAsync(id));
	 * </pre>
	 * @param <T> the type of result
	 * @param work the code to call
	 * @return what the code returned
	 * @throws IllegalStateException if this executor is not a bound view
	 */
	public <T> T within(Supplier<T> work) {
		Assert.notNull(work, "work must not be null");
		Assert.state(this.binder != null,
				"within() binds work like its view: call it on forRequest(), forSession(), forOwner() or boundTo()");
		SubmissionContext context = SubmissionContext.open();
		Binder previous = context.binder;
		context.binder = this.binder;
		try {
			return work.get();
		}
		finally {
			context.binder = previous;
			context.closeIfEmpty();
		}
	}

	/**
	 * Cancels the pending work bound to an owner through {@link #forOwner(Object)}: queued work never starts,
	 * running work is interrupted.
	 * @param owner the owner
	 * @return how many tasks this call cancelled
	 */
	public int cancel(Object owner) {
		return this.tracker.cancel(owner);
	}

	/**
	 * Cancels one pending task, as listed by {@link #pendingTasks()}: queued, it never starts; running, it is
	 * interrupted.
	 * @param id the task's id
	 * @return {@code true} if this call cancelled it, {@code false} if no pending task has that id
	 */
	public boolean cancelTask(long id) {
		return this.tracker.cancel(id);
	}

	private TrackedAsyncTaskExecutor withBinder(Binder binder) {
		return new TrackedAsyncTaskExecutor(this.delegate, this.tracker, this.lifespans, binder);
	}

}
