package io.github.memorylifecycle.scheduling;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.TaskScheduler;

/**
 * Tracks the application's own {@link TaskScheduler} beans where they stand, so that every task scheduled through
 * them is seen whatever type the bean was injected as ({@code TaskScheduler}, {@code ThreadPoolTaskScheduler},
 * {@code SimpleAsyncTaskScheduler}, ...): each is proxied on its {@code schedule*} methods only, by a
 * {@link TimerTrackingInterceptor}. A scheduler bean of a final class is left untouched; {@code @Scheduled} tasks on
 * it are still tracked, by the scheduler of {@code @Scheduled} methods.
 */
final class TrackedSchedulerPostProcessor extends TrackingPostProcessor {

	private final ObjectProvider<TimerTracker> tracker;

	TrackedSchedulerPostProcessor(ObjectProvider<TimerTracker> tracker) {
		this.tracker = tracker;
	}

	@Override
	boolean isCandidate(Object bean) {
		return bean instanceof TaskScheduler && !(bean instanceof TrackedTaskScheduler);
	}

	@Override
	Advisor createAdvisor() {
		return new DefaultPointcutAdvisor(new TimerTrackingInterceptor.SchedulePointcut(),
				new TimerTrackingInterceptor(this.tracker.getObject()));
	}

	@Override
	String role() {
		return "TaskScheduler";
	}

}
