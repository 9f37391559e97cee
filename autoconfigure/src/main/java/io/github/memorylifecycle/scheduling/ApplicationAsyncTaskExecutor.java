package io.github.memorylifecycle.scheduling;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.function.SingletonSupplier;

/**
 * The application's executor, found on first use: Spring Boot's {@code applicationTaskExecutor}, else the bean
 * named {@code taskExecutor}, else the only {@link AsyncTaskExecutor} bean that is not a scheduler. Looking it up
 * lazily keeps the {@link TrackedAsyncTaskExecutor} bean from failing the startup of an application whose executors
 * cannot be told apart; only submitting through it fails.
 */
final class ApplicationAsyncTaskExecutor implements AsyncTaskExecutor {

	private static final String[] NAMES = { "applicationTaskExecutor", "taskExecutor" };

	private final Supplier<AsyncTaskExecutor> target;

	ApplicationAsyncTaskExecutor(ConfigurableListableBeanFactory beanFactory) {
		this.target = SingletonSupplier.of(() -> TrackingPostProcessor.unwrap(find(beanFactory),
				AsyncTrackingInterceptor.class, AsyncTaskExecutor.class));
	}

	private static AsyncTaskExecutor find(ConfigurableListableBeanFactory beanFactory) {
		for (String name : NAMES) {
			if (beanFactory.containsBean(name) && beanFactory.isTypeMatch(name, AsyncTaskExecutor.class)) {
				return beanFactory.getBean(name, AsyncTaskExecutor.class);
			}
		}
		List<String> candidates = new ArrayList<>();
		for (String name : beanFactory.getBeanNamesForType(AsyncTaskExecutor.class)) {
			if (!beanFactory.isTypeMatch(name, TaskScheduler.class)
					&& !beanFactory.isTypeMatch(name, TrackedAsyncTaskExecutor.class)) {
				candidates.add(name);
			}
		}
		if (candidates.size() == 1) {
			return beanFactory.getBean(candidates.get(0), AsyncTaskExecutor.class);
		}
		throw new IllegalStateException("TrackedAsyncTaskExecutor cannot tell which executor to use among "
				+ candidates + ": name one 'applicationTaskExecutor' or 'taskExecutor'");
	}

	@Override
	public void execute(Runnable task) {
		this.target.get().execute(task);
	}

	@Override
	public Future<?> submit(Runnable task) {
		return this.target.get().submit(task);
	}

	@Override
	public <T> Future<T> submit(Callable<T> task) {
		return this.target.get().submit(task);
	}

	@Override
	public CompletableFuture<Void> submitCompletable(Runnable task) {
		return this.target.get().submitCompletable(task);
	}

	@Override
	public <T> CompletableFuture<T> submitCompletable(Callable<T> task) {
		return this.target.get().submitCompletable(task);
	}

}
