package io.github.memorylifecycle.scheduling;

import java.time.Clock;
import java.util.List;

import io.github.memorylifecycle.diagnostics.ConditionalOnEnabledFeature;
import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.github.memorylifecycle.leak.GrowthSource;
import io.github.memorylifecycle.scope.Lifespans;
import io.github.memorylifecycle.scope.ScopeAutoConfiguration;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import io.github.memorylifecycle.work.WorkMeterBinder.Meter;
import io.github.memorylifecycle.work.WorkMeterBinder;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;

/**
 * Auto-configuration of tracked async work.
 * <p>
 * Like the timers, the application's executors are tracked where they stand: each {@code AsyncTaskExecutor} bean
 * that is not a scheduler (Spring Boot's {@code applicationTaskExecutor} among them, which runs {@code @Async}
 * methods) is proxied on its submit methods only, keeping its name and class, and {@code @Async} work is described
 * by its bean method. The {@link TrackedAsyncTaskExecutor} bean, which adds scope binding, is a {@link Fallback}
 * bean: it never competes with the application's executors for injection by type.
 */
@AutoConfiguration(after = { TaskExecutionAutoConfiguration.class, SchedulingAutoConfiguration.class,
		ScopeAutoConfiguration.class, LifecycleWarningsAutoConfiguration.class })
@ConditionalOnEnabledFeature("async")
@EnableConfigurationProperties(AsyncProperties.class)
public final class AsyncAutoConfiguration {

	@Bean
	static TrackedExecutorPostProcessor trackedExecutorPostProcessor(ObjectProvider<AsyncTracker> asyncTracker) {
		return new TrackedExecutorPostProcessor(asyncTracker);
	}

	@Bean
	static AsyncMethodPostProcessor asyncMethodPostProcessor() {
		return new AsyncMethodPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	AsyncTracker asyncTracker(AsyncProperties properties, LifecycleWarnings warnings) {
		return new AsyncTracker(Clock.systemUTC(),
				warnings,
				properties.getSiteThreshold(), properties.isCaptureSites(), properties.getStuckAfter());
	}

	@Bean
	@Fallback
	@ConditionalOnMissingBean
	TrackedAsyncTaskExecutor trackedAsyncTaskExecutor(AsyncTracker asyncTracker,
			ConfigurableListableBeanFactory beanFactory, ObjectProvider<Lifespans> lifespans) {
		return new TrackedAsyncTaskExecutor(new ApplicationAsyncTaskExecutor(beanFactory), asyncTracker,
				lifespans.getIfAvailable(() -> Lifespans.NONE), null);
	}

	@Bean
	@ConditionalOnMissingBean
	StuckWorkMonitor asyncStuckWorkMonitor(AsyncTracker asyncTracker, ConfigurableListableBeanFactory beanFactory) {
		ApplicationTaskScheduler scheduler = new ApplicationTaskScheduler(beanFactory);
		return new StuckWorkMonitor(asyncTracker, () -> {
			scheduler.getClock(); // resolves the scheduler now, so that a missing one is noticed at start
			return scheduler;
		});
	}

	@Bean
	@ConditionalOnMissingBean(name = "pendingAsyncWorkGrowthSource")
	GrowthSource pendingAsyncWorkGrowthSource(AsyncTracker asyncTracker) {
		return GrowthSource.of("pending async work", asyncTracker::liveCount);
	}

	@Bean
	@ConditionalOnMissingBean(name = "asyncMemoryLifecycleContributor")
	MemoryLifecycleContributor asyncMemoryLifecycleContributor(AsyncTracker asyncTracker) {
		return new AsyncContributor(asyncTracker);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class AsyncMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "memoryLifecycleAsyncMeterBinder")
		MeterBinder memoryLifecycleAsyncMeterBinder(AsyncTracker asyncTracker) {
			return new WorkMeterBinder(asyncTracker,
					Meter.live("memory.lifecycle.async.pending",
							"Async tasks handed to an executor and not completed yet, queued or running", "tasks"),
					List.of(new Meter("memory.lifecycle.async.cancelled",
							"Pending async tasks cancelled because the request, session or owner they were bound to "
									+ "ended",
							"tasks", asyncTracker::cancelledAtScopeEndCount),
							new Meter("memory.lifecycle.async.stuck",
									"Async tasks reported as pending for longer than memory.lifecycle.async.stuck-after",
									"tasks", asyncTracker::reportedStuckCount)));
		}

	}

}
