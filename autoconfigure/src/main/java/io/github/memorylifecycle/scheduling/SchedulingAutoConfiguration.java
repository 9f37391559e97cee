package io.github.memorylifecycle.scheduling;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

import io.github.memorylifecycle.diagnostics.ConditionalOnEnabledFeature;
import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.github.memorylifecycle.leak.GrowthSource;
import io.github.memorylifecycle.leak.RequestLeakWatch;
import io.github.memorylifecycle.scope.ApplicationCleanupRegistry;
import io.github.memorylifecycle.scope.Lifespans;
import io.github.memorylifecycle.scope.ScopeAutoConfiguration;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import io.github.memorylifecycle.warning.WarningKind;
import io.github.memorylifecycle.work.WorkMeterBinder.Meter;
import io.github.memorylifecycle.work.WorkMeterBinder;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Auto-configuration of tracked timers.
 * <p>
 * The application's scheduler is tracked where it stands rather than replaced: each {@link TaskScheduler} bean is
 * proxied on its {@code schedule*} methods only, keeping its name and class, so that code injecting
 * {@code ThreadPoolTaskScheduler} and Spring's lookup of the scheduler for {@code @Scheduled} methods (by type, then
 * by the name {@code taskScheduler}) find the same bean as without the starter. The scheduler of
 * {@code @Scheduled} methods and {@code SchedulingConfigurer} tasks is wrapped as well, so that those tasks are
 * listed under their bean method whichever scheduler runs them. The {@link TrackedTaskScheduler} bean, which adds
 * owner and scope binding, is a {@link Fallback} bean: it never competes with the application's scheduler for
 * injection by type. When the application has no scheduler at all, one is provided.
 * <p>
 * Every tracked timer is cancelled when the context closes, before the schedulers shut down.
 */
@AutoConfiguration(after = { TaskSchedulingAutoConfiguration.class, ScopeAutoConfiguration.class,
		LifecycleWarningsAutoConfiguration.class })
@ConditionalOnEnabledFeature("scheduling")
@EnableConfigurationProperties(SchedulingProperties.class)
public final class SchedulingAutoConfiguration {

	@Bean
	static TrackedSchedulerPostProcessor trackedSchedulerPostProcessor(ObjectProvider<TimerTracker> timerTracker) {
		return new TrackedSchedulerPostProcessor(timerTracker);
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	TimerTracker timerTracker(SchedulingProperties properties, LifecycleWarnings warnings,
			ObjectProvider<ApplicationCleanupRegistry> applicationCleanupRegistry,
			ObjectProvider<RequestLeakWatch> leakWatch) {
		TimerTracker tracker = new TimerTracker(Clock.systemUTC(),
				warnings,
				properties.getSiteThreshold(), properties.isCaptureSites());
		tracker.watchUnboundTimersWith(RequestLeakWatch.lazily(leakWatch, "timer")::accept);
		applicationCleanupRegistry.ifAvailable(
				(registry) -> registry.register("cancel every tracked timer", tracker::close));
		return tracker;
	}

	@Bean
	@Fallback
	@ConditionalOnMissingBean
	TrackedTaskScheduler trackedTaskScheduler(TimerTracker timerTracker, ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<Lifespans> lifespans) {
		return new TrackedTaskScheduler(new ApplicationTaskScheduler(beanFactory), timerTracker,
				lifespans.getIfAvailable(() -> Lifespans.NONE), null);
	}

	@Bean
	@ConditionalOnMissingBean
	TrackingSchedulingConfigurer trackingSchedulingConfigurer(TimerTracker timerTracker,
			ObjectProvider<Lifespans> lifespans) {
		return new TrackingSchedulingConfigurer(timerTracker, lifespans.getIfAvailable(() -> Lifespans.NONE));
	}

	@Bean
	@ConditionalOnMissingBean(name = "liveTimersGrowthSource")
	GrowthSource liveTimersGrowthSource(TimerTracker timerTracker) {
		return GrowthSource.of("live timers", timerTracker::liveCount);
	}

	@Bean
	@ConditionalOnMissingBean(name = "timersMemoryLifecycleContributor")
	MemoryLifecycleContributor timersMemoryLifecycleContributor(TimerTracker timerTracker) {
		return new TimersContributor(timerTracker);
	}

	/**
	 * A scheduler for applications that have none (Spring Boot defines one only with {@code @EnableScheduling}),
	 * built like Spring Boot's own from the {@code spring.task.scheduling.*} properties, but exposed as a
	 * {@link TaskScheduler} only (see {@link ProvidedTaskScheduler}). Cancelled tasks leave its queue at once instead
	 * of waiting there until their next execution time.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(value = { TaskScheduler.class, ScheduledExecutorService.class },
			ignored = TrackedTaskScheduler.class)
	static class TaskSchedulerConfiguration {

		@Bean(name = "taskScheduler")
		@ConditionalOnThreading(Threading.PLATFORM)
		ProvidedTaskScheduler taskScheduler(ObjectProvider<ThreadPoolTaskSchedulerBuilder> builder) {
			ThreadPoolTaskScheduler scheduler = builder.getIfAvailable(ThreadPoolTaskSchedulerBuilder::new).build();
			scheduler.setRemoveOnCancelPolicy(true);
			return new ProvidedTaskScheduler(scheduler);
		}

		@Bean(name = "taskScheduler")
		@ConditionalOnThreading(Threading.VIRTUAL)
		ProvidedTaskScheduler taskSchedulerVirtualThreads(ObjectProvider<SimpleAsyncTaskSchedulerBuilder> builder) {
			return new ProvidedTaskScheduler(
					builder.getIfAvailable(() -> new SimpleAsyncTaskSchedulerBuilder().virtualThreads(true)).build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class SchedulingMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "memoryLifecycleSchedulingMeterBinder")
		MeterBinder memoryLifecycleSchedulingMeterBinder(TimerTracker timerTracker, LifecycleWarnings warnings) {
			return new WorkMeterBinder(timerTracker,
					Meter.live("memory.lifecycle.scheduling.timers.live",
							"Timers scheduled and neither finished nor cancelled", "timers"),
					List.of(new Meter("memory.lifecycle.scheduling.timers.failures",
							"Runs of tracked timers that threw an exception", "runs", timerTracker::failures),
							new Meter("memory.lifecycle.scheduling.timers.growth.warnings",
									"Warnings about live timers piling up from one call site (the same count as "
											+ "memory.lifecycle.warnings with kind=timers)",
									"warnings", () -> warnings.count(WarningKind.TIMERS))));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "reactor.core.scheduler.Schedulers")
	static class ReactorTimersConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactorTimers memoryLifecycleReactorTimers(TimerTracker timerTracker) {
			return new ReactorTimers(timerTracker);
		}

	}

}
