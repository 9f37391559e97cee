package io.github.memorylifecycle.scheduling;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.TaskScheduler;

/**
 * Tracks the application's own {@link AsyncTaskExecutor} beans where they stand (Spring Boot's
 * {@code applicationTaskExecutor}, which runs {@code @Async} methods and Spring MVC's async requests, or the
 * application's own), so that every task handed to them is seen whatever type the bean was injected as: each is
 * proxied on {@code execute}, {@code submit} and {@code submitCompletable} only, by an
 * {@link AsyncTrackingInterceptor}. Schedulers, which are executors too, are left to the timer tracking.
 */
final class TrackedExecutorPostProcessor extends TrackingPostProcessor {

	private final ObjectProvider<AsyncTracker> tracker;

	TrackedExecutorPostProcessor(ObjectProvider<AsyncTracker> tracker) {
		this.tracker = tracker;
	}

	@Override
	boolean isCandidate(Object bean) {
		return bean instanceof AsyncTaskExecutor && !(bean instanceof TaskScheduler)
				&& !(bean instanceof TrackedAsyncTaskExecutor);
	}

	@Override
	Advisor createAdvisor() {
		return new DefaultPointcutAdvisor(new AsyncTrackingInterceptor.SubmitPointcut(),
				new AsyncTrackingInterceptor(this.tracker.getObject()));
	}

	@Override
	String role() {
		return "AsyncTaskExecutor";
	}

}
