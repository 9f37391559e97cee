package io.github.memorylifecycle.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.concurrent.ConcurrentTaskScheduler;
import org.springframework.scheduling.config.TaskSchedulerRouter;
import org.springframework.util.function.SingletonSupplier;

/**
 * The application's scheduler, found on first use the way {@code @Scheduled} methods find theirs: the only (or
 * primary) {@link TaskScheduler} bean, else the one named {@code taskScheduler}, else a
 * {@link ScheduledExecutorService} bean. Looking it up lazily keeps the {@link TrackedTaskScheduler} bean from
 * failing the startup of an application whose schedulers cannot be told apart; only scheduling through it fails.
 * <p>
 * When the bean found is a proxy that does nothing but track, its target is used, so that timers scheduled through
 * the {@link TrackedTaskScheduler} bean skip the proxy.
 */
final class ApplicationTaskScheduler implements TaskScheduler {

	private final Supplier<TaskScheduler> target;

	ApplicationTaskScheduler(ConfigurableListableBeanFactory beanFactory) {
		this.target = SingletonSupplier.of(() -> unwrap(find(beanFactory)));
	}

	private static TaskScheduler find(ConfigurableListableBeanFactory beanFactory) {
		try {
			TaskScheduler scheduler = beanFactory.resolveNamedBean(TaskScheduler.class).getBeanInstance();
			if (!(scheduler instanceof TrackedTaskScheduler)) {
				return scheduler;
			}
		}
		catch (NoUniqueBeanDefinitionException ex) {
			if (beanFactory.containsBean(TaskSchedulerRouter.DEFAULT_TASK_SCHEDULER_BEAN_NAME)) {
				return beanFactory.getBean(TaskSchedulerRouter.DEFAULT_TASK_SCHEDULER_BEAN_NAME, TaskScheduler.class);
			}
			throw new IllegalStateException("TrackedTaskScheduler cannot tell which TaskScheduler bean to use among "
					+ ex.getBeanNamesFound() + ": mark one @Primary or name it 'taskScheduler'", ex);
		}
		catch (NoSuchBeanDefinitionException ex) {
			// look for an executor service next
		}
		ScheduledExecutorService executor = beanFactory.getBeanProvider(ScheduledExecutorService.class).getIfUnique();
		if (executor != null) {
			return new ConcurrentTaskScheduler(executor);
		}
		throw new IllegalStateException("TrackedTaskScheduler has no scheduler to run tasks on: define a "
				+ "TaskScheduler bean, or let memory-lifecycle provide one by removing the application's "
				+ "ScheduledExecutorService beans");
	}

	private static TaskScheduler unwrap(TaskScheduler scheduler) {
		return TrackingPostProcessor.unwrap(scheduler, TimerTrackingInterceptor.class, TaskScheduler.class);
	}

	@Override
	public Clock getClock() {
		return this.target.get().getClock();
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
		return this.target.get().schedule(task, trigger);
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
		return this.target.get().schedule(task, startTime);
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
		return this.target.get().scheduleAtFixedRate(task, startTime, period);
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
		return this.target.get().scheduleAtFixedRate(task, period);
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
		return this.target.get().scheduleWithFixedDelay(task, startTime, delay);
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
		return this.target.get().scheduleWithFixedDelay(task, delay);
	}

}
