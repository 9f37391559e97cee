package io.github.memorylifecycle.work;

import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * A record of tracked work that stands for the work's own future: what a scheduler or an executor returned once the
 * work was handed over. Waiting, completion and cancellation are the future's; adapters decide how the future is
 * stored and what cancelling also does to the record.
 *
 * @param <F> the type of the future handed back by the scheduler or executor
 */
public abstract class FutureWork<F extends Future<?>> extends TrackedWork implements Future<Object> {

	/**
	 * Creates a record.
	 * @param id its id, from {@link WorkTracker#nextId()}
	 * @param createdAt when the work was handed over, in epoch milliseconds
	 * @param site where it comes from, from {@link WorkTracker#siteOf(Object)}
	 */
	protected FutureWork(long id, long createdAt, TrackingSite site) {
		super(id, createdAt, site);
	}

	/**
	 * Returns the scheduler's or executor's own future.
	 * @return the future, or {@code null} while the work is still being handed over
	 */
	protected abstract @Nullable F handedOver();

	/**
	 * Returns the scheduler's or executor's own future, which must exist by now.
	 * @return the future
	 * @throws IllegalStateException while the work is still being handed over
	 */
	protected final F future() {
		F future = handedOver();
		if (future == null) {
			String noun = tracker().vocabulary().noun();
			throw new IllegalStateException(noun.substring(0, 1).toUpperCase(Locale.ROOT) + noun.substring(1) + " #"
					+ id() + " is still being handed over");
		}
		return future;
	}

	@Override
	public final boolean isCancelled() {
		return future().isCancelled();
	}

	@Override
	public final boolean isDone() {
		return future().isDone();
	}

	@Override
	public final Object get() throws InterruptedException, ExecutionException {
		return future().get();
	}

	@Override
	public final Object get(long timeout, TimeUnit unit)
			throws InterruptedException, ExecutionException, TimeoutException {
		return future().get(timeout, unit);
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + " #" + id() + " [" + description() + "]";
	}

}
