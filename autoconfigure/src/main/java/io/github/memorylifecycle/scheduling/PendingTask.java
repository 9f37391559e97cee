package io.github.memorylifecycle.scheduling;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

import io.github.memorylifecycle.scheduling.PendingTaskInfo.State;
import io.github.memorylifecycle.work.FutureWork;
import io.github.memorylifecycle.work.TrackingSite;

import org.springframework.core.task.AsyncTaskExecutor;

/**
 * The live record of one piece of async work, which is also what the tracking hands to the executor in place of the
 * user's task: as a {@link Runnable} for {@code execute}, as a {@link Callable} for {@code submit} and
 * {@code submitCompletable}. It leaves the tracker when the work completes, fails or is cancelled; the user's
 * exception passes through untouched, so that the executor's own error handling stays in charge.
 * <p>
 * Cancelling pending work follows {@link java.util.concurrent.FutureTask}: queued work never starts, running work
 * is interrupted, and the interrupt meant for it is cleared before its thread moves on to other work.
 * <p>
 * For {@code submit}, the record is also the {@link Future} returned to the application, so that cancelling it
 * ends the record; for {@code submitCompletable}, the executor's {@link CompletableFuture} is returned unchanged and
 * the record follows its completion.
 */
final class PendingTask extends FutureWork<Future<?>> implements Runnable, Callable<Object>,
		BiConsumer<Object, Throwable> {

	private static final int QUEUED = 0;

	private static final int RUNNING = 1;

	private static final int INTERRUPTING = 2;

	private static final int DONE = 3;

	private static final int CANCELLED = 4;

	private static final VarHandle PHASE;

	static {
		try {
			PHASE = MethodHandles.lookup().findVarHandle(PendingTask.class, "phase", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private Object task;

	private volatile Future<?> future;

	private volatile Thread runner;

	private volatile int phase;

	volatile boolean reportedStuck;

	PendingTask(long id, long createdAt, TrackingSite site, Object task) {
		super(id, createdAt, site);
		this.task = task;
	}

	/**
	 * Returns whether the work was cancelled before it could be handed to the executor (it was bound to a scope that
	 * had already ended): such work must not be handed over at all, or the executor could complete it normally
	 * before its future is cancelled.
	 * @return whether to skip the executor
	 */
	boolean cancelledBeforeSubmission() {
		return this.phase == CANCELLED && this.future == null;
	}

	/**
	 * Hands over the executor's future once the work is submitted.
	 * @param <F> the type of future
	 * @param future what the executor returned
	 * @return the future, unchanged
	 */
	<F extends Future<?>> F submitted(F future) {
		this.future = future;
		if (this.phase == CANCELLED) {
			future.cancel(false); // its scope ended while it was being submitted
		}
		return future;
	}

	/**
	 * Follows a {@link CompletableFuture} returned to the application: when it is cancelled or completed by someone
	 * else, the record ends too.
	 * @param <T> the type of result
	 * @param future the executor's future
	 * @return the future, unchanged
	 */
	<T> CompletableFuture<T> follow(CompletableFuture<T> future) {
		submitted(future);
		future.whenComplete(this);
		return future;
	}

	void abandon() {
		PHASE.setVolatile(this, DONE);
		remove();
	}

	@Override
	public void run() {
		try {
			call();
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex); // not reached: a Runnable throws no checked exception
		}
	}

	@Override
	public Object call() throws Exception {
		Object task = this.task;
		this.runner = Thread.currentThread();
		if (task == null || !PHASE.compareAndSet(this, QUEUED, RUNNING)) {
			this.runner = null;
			return null; // cancelled before it started
		}
		try {
			if (task instanceof Callable<?> callable) {
				return callable.call();
			}
			((Runnable) task).run();
			return null;
		}
		finally {
			if (!PHASE.compareAndSet(this, RUNNING, DONE)) {
				while (this.phase == INTERRUPTING) {
					Thread.onSpinWait(); // the canceller is interrupting this thread: let it finish
				}
				Thread.interrupted(); // the interrupt was meant for this work only
			}
			this.runner = null;
			remove();
		}
	}

	/**
	 * Cancels the work if it is still pending: queued work never starts, running work is interrupted.
	 * @return whether this call cancelled it
	 */
	boolean cancelPending() {
		Future<?> future = this.future;
		if (future != null) {
			future.cancel(false); // completes it for waiters; the phase below stops or interrupts the work
		}
		if (PHASE.compareAndSet(this, QUEUED, CANCELLED)) {
			remove();
			return true;
		}
		if (PHASE.compareAndSet(this, RUNNING, INTERRUPTING)) {
			try {
				Thread runner = this.runner;
				if (runner != null) {
					runner.interrupt();
				}
			}
			finally {
				PHASE.setVolatile(this, CANCELLED);
			}
			remove();
			return true;
		}
		return false;
	}

	@Override
	protected void endOfScope() {
		if (cancelPending()) {
			((AsyncTracker) tracker()).cancelledAtScopeEnd();
		}
	}

	@Override
	protected boolean cancelNow() {
		return cancelPending();
	}

	@Override
	protected boolean isFinished() {
		Future<?> future = this.future;
		int phase = this.phase;
		return future != null && future.isDone() && phase != RUNNING && phase != INTERRUPTING;
	}

	@Override
	protected void released() {
		this.task = null;
	}

	State state() {
		return (this.phase == QUEUED) ? State.QUEUED : State.RUNNING;
	}

	PendingTaskInfo info() {
		return new PendingTaskInfo(id(), description(), location(),
				boundScope(), boundOwner(),
				createdAt(), state());
	}

	// Completion of a followed CompletableFuture

	@Override
	public void accept(Object result, Throwable failure) {
		if (this.phase == QUEUED && PHASE.compareAndSet(this, QUEUED, CANCELLED)) {
			remove(); // completed (cancelled) before it started: it never will
		}
	}

	// The Future returned by submit

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		Future<?> future = this.future;
		boolean cancelled = future != null && future.cancel(mayInterruptIfRunning);
		if (cancelled && PHASE.compareAndSet(this, QUEUED, CANCELLED)) {
			remove();
		}
		return cancelled;
	}

	@Override
	protected Future<?> handedOver() {
		return this.future;
	}

	/**
	 * Hands this work to an executor as a {@link Future}: never when its scope had already ended (it is then
	 * returned cancelled), and out of the tracker again if the executor refuses it.
	 * @param executor the executor
	 * @param submit how to submit it there (as a runnable or a callable)
	 * @return this record, which is the future the application gets
	 */
	Future<?> submitTo(AsyncTaskExecutor executor, BiFunction<AsyncTaskExecutor, PendingTask, Future<?>> submit) {
		if (cancelledBeforeSubmission()) {
			submitted(cancelledFuture());
			return this;
		}
		try {
			submitted(submit.apply(executor, this));
			return this;
		}
		catch (Throwable ex) {
			abandon();
			throw ex;
		}
	}

	/**
	 * Hands this work to an executor as a {@link CompletableFuture}, with the same rules as {@link #submitTo}.
	 * @param executor the executor
	 * @param submit how to submit it there (as a runnable or a callable)
	 * @return the future the application gets
	 */
	CompletableFuture<?> submitCompletableTo(AsyncTaskExecutor executor,
			BiFunction<AsyncTaskExecutor, PendingTask, CompletableFuture<?>> submit) {
		if (cancelledBeforeSubmission()) {
			return cancelledFuture();
		}
		try {
			return follow(submit.apply(executor, this));
		}
		catch (Throwable ex) {
			abandon();
			throw ex;
		}
	}

	private static <T> CompletableFuture<T> cancelledFuture() {
		CompletableFuture<T> cancelled = new CompletableFuture<>();
		cancelled.cancel(false);
		return cancelled;
	}

}
