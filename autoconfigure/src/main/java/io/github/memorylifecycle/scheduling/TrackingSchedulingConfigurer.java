package io.github.memorylifecycle.scheduling;

import io.github.memorylifecycle.scope.Lifespans;

import org.springframework.core.Ordered;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Tracks the scheduler of {@code @Scheduled} methods and {@code SchedulingConfigurer} tasks, whatever it is:
 * Spring's router to the application's scheduler beans, a scheduler another configurer set, or a
 * {@code ScheduledExecutorService} wrapped by Spring. Running last among configurers, it wraps the registrar's
 * scheduler in a {@link TrackedTaskScheduler}, so that every such task is listed with its bean method as
 * description. Tasks reaching an already tracked scheduler bean are not recorded twice.
 */
final class TrackingSchedulingConfigurer implements SchedulingConfigurer, Ordered {

	private final TimerTracker tracker;

	private final Lifespans lifespans;

	TrackingSchedulingConfigurer(TimerTracker tracker, Lifespans lifespans) {
		this.tracker = tracker;
		this.lifespans = lifespans;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		TaskScheduler scheduler = registrar.getScheduler();
		if (scheduler != null && !(scheduler instanceof TrackedTaskScheduler)) {
			registrar.setTaskScheduler(new TrackedTaskScheduler(scheduler, this.tracker, this.lifespans, null));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
