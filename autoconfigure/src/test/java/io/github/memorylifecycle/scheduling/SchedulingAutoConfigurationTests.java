package io.github.memorylifecycle.scheduling;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.github.memorylifecycle.scheduling.TimerInfo.Kind;
import io.github.memorylifecycle.scope.OwnerCleanupRegistry;
import io.github.memorylifecycle.scope.ScopeAutoConfiguration;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SchedulingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleWarningsAutoConfiguration.class, ScopeAutoConfiguration.class,
				TaskSchedulingAutoConfiguration.class, SchedulingAutoConfiguration.class));

	@Test
	void providesATrackedSchedulerWhenTheApplicationHasNone() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TrackedTaskScheduler.class)
				.hasBean("taskScheduler")
				.hasBean("timersMemoryLifecycleContributor")
				.hasBean("memoryLifecycleSchedulingMeterBinder");
			ProvidedTaskScheduler provided = context.getBean("taskScheduler", ProvidedTaskScheduler.class);
			assertThat(AopUtils.isAopProxy(provided)).isTrue();
			assertThat(provided.delegate()).isInstanceOfSatisfying(ThreadPoolTaskScheduler.class,
					(scheduler) -> assertThat(scheduler.isRemoveOnCancelPolicy()).isTrue());
			assertThat(context.getBean(TaskScheduler.class)).isSameAs(provided);
			assertThat(context.getBeanNamesForType(Executor.class)).isEmpty();
			provided.scheduleAtFixedRate(() -> {
			}, Duration.ofHours(1));
			assertThat(context.getBean(TrackedTaskScheduler.class).liveTimers()).hasSize(1);
		});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void providesAVirtualThreadSchedulerWhenVirtualThreadsAreEnabled() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			ProvidedTaskScheduler provided = context.getBean("taskScheduler", ProvidedTaskScheduler.class);
			assertThat(provided.delegate()).isInstanceOf(SimpleAsyncTaskScheduler.class);
			assertThat(AopUtils.isAopProxy(provided)).isTrue();
			ScheduledFuture<?> future = provided.scheduleAtFixedRate(() -> {
			}, Duration.ofHours(1));
			assertThat(context.getBean(TrackedTaskScheduler.class).liveTimers()).hasSize(1);
			future.cancel(false);
		});
	}

	@Test
	void tracksSpringBootsSchedulerWithoutChangingItsNameOrType() {
		this.contextRunner.withUserConfiguration(SchedulingEnabled.class).run((context) -> {
			assertThat(context).hasSingleBean(ThreadPoolTaskScheduler.class);
			ThreadPoolTaskScheduler scheduler = context.getBean("taskScheduler", ThreadPoolTaskScheduler.class);
			assertThat(AopUtils.isAopProxy(scheduler)).isTrue();
			assertThat(scheduler.getThreadNamePrefix()).isEqualTo("scheduling-");
			assertThat(context.getBean(TaskScheduler.class)).isSameAs(scheduler);
			scheduler.schedule(() -> {
			}, Instant.now().plus(Duration.ofHours(1)));
			assertThat(context.getBean(TrackedTaskScheduler.class).liveTimers()).hasSize(1);
		});
	}

	@Test
	void tracksTasksScheduledThroughASchedulerInjectedByItsConcreteType() {
		this.contextRunner.withUserConfiguration(UserScheduler.class, ConcreteTypeClient.class).run((context) -> {
			assertThat(context).doesNotHaveBean("taskScheduler");
			context.getBean(ConcreteTypeClient.class).start();
			assertThat(context.getBean(TrackedTaskScheduler.class).liveTimers()).singleElement()
				.satisfies((timer) -> assertThat(timer.description())
					.isEqualTo(ConcreteTypeClient.class.getName() + " (lambda)"));
		});
	}

	@Test
	void schedulesThroughTheTrackedSchedulerBeanOnTheApplicationsScheduler() {
		this.contextRunner.withUserConfiguration(UserScheduler.class).run((context) -> {
			TrackedTaskScheduler tracked = context.getBean(TrackedTaskScheduler.class);
			AtomicReference<String> thread = new AtomicReference<>();
			tracked.schedule(() -> thread.set(Thread.currentThread().getName()), Instant.now()).get();
			assertThat(thread.get()).startsWith("user-");
			assertThat(tracked.liveTimers()).isEmpty();
		});
	}

	@Test
	void listsScheduledMethodsUnderTheirBeanMethod() {
		this.contextRunner.withUserConfiguration(SchedulingEnabled.class, ScheduledJobs.class).run((context) -> {
			TrackedTaskScheduler tracked = context.getBean(TrackedTaskScheduler.class);
			await().until(() -> tracked.liveTimers().size() == 2);
			assertThat(tracked.liveTimers()).extracting(TimerInfo::description, TimerInfo::kind, TimerInfo::schedule)
				.containsExactlyInAnyOrder(
						org.assertj.core.groups.Tuple.tuple(ScheduledJobs.class.getName() + ".refresh", Kind.FIXED_RATE,
								"PT1H"),
						org.assertj.core.groups.Tuple.tuple(ScheduledJobs.class.getName() + ".nightly", Kind.TRIGGER,
								"cron 0 0 3 * * *"));
		});
	}

	@Test
	void listsTasksAddedByASchedulingConfigurer() {
		this.contextRunner.withUserConfiguration(SchedulingEnabled.class, ConfigurerTasks.class).run((context) -> {
			TrackedTaskScheduler tracked = context.getBean(TrackedTaskScheduler.class);
			await().until(() -> tracked.liveTimers().size() == 1);
			assertThat(tracked.liveTimers().get(0).kind()).isEqualTo(Kind.FIXED_DELAY);
			assertThat(tracked.liveTimers().get(0).description()).isEqualTo(ConfigurerTasks.class.getName() + " (lambda)");
		});
	}

	@Test
	void listsScheduledMethodsRunOnAScheduledExecutorService() {
		this.contextRunner.withUserConfiguration(SchedulingEnabled.class, UserExecutorService.class, ScheduledJobs.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean("taskScheduler");
				TrackedTaskScheduler tracked = context.getBean(TrackedTaskScheduler.class);
				await().until(() -> tracked.liveTimers().size() == 2);
				ScheduledFuture<?> future = tracked.scheduleAtFixedRate(() -> {
				}, Duration.ofHours(1));
				assertThat(tracked.liveTimers()).hasSize(3);
				future.cancel(false);
			});
	}

	@Test
	void keepsFindingTheSchedulerNamedTaskSchedulerAmongSeveral() {
		this.contextRunner.withUserConfiguration(SchedulingEnabled.class, TwoSchedulers.class, ScheduledJobs.class)
			.run((context) -> {
				TrackedTaskScheduler tracked = context.getBean(TrackedTaskScheduler.class);
				await().until(() -> tracked.liveTimers().size() == 2);
				ThreadPoolTaskScheduler named = context.getBean("taskScheduler", ThreadPoolTaskScheduler.class);
				assertThat(named.getScheduledThreadPoolExecutor().getQueue()).hasSize(2);
				ScheduledFuture<?> future = tracked.schedule(() -> {
				}, Instant.now().plus(Duration.ofHours(1)));
				assertThat(named.getScheduledThreadPoolExecutor().getQueue()).hasSize(3);
				future.cancel(false);
			});
	}

	@Test
	void cancelsTheTimersOfAnOwnerWhenTheOwnerIsCleanedUp() {
		this.contextRunner.run((context) -> {
			TrackedTaskScheduler tracked = context.getBean(TrackedTaskScheduler.class);
			Object owner = new Object();
			ScheduledFuture<?> future = tracked.forOwner(owner).scheduleAtFixedRate(() -> {
			}, Duration.ofMillis(5));
			assertThat(context.getBean(OwnerCleanupRegistry.class).cleanup(owner)).isEqualTo(1);
			assertThat(future.isCancelled()).isTrue();
			assertThat(tracked.liveTimers()).isEmpty();
		});
	}

	@Test
	void cancelsTheTimersOfAnOwnerWhenTheOwnerIsCollected() {
		this.contextRunner.run((context) -> {
			TrackedTaskScheduler tracked = context.getBean(TrackedTaskScheduler.class);
			Object owner = new Object();
			WeakReference<Object> reference = new WeakReference<>(owner);
			ScheduledFuture<?> future = tracked.forOwner(owner).scheduleAtFixedRate(() -> {
			}, Duration.ofMillis(5));
			owner = null;
			TrackedTaskSchedulerTests.awaitCollected(reference);
			await().until(future::isCancelled);
			assertThat(tracked.liveTimers()).isEmpty();
		});
	}

	@Test
	void reusesOneProxyClassPerSchedulerClassAcrossContexts() {
		AtomicReference<Class<?>> first = new AtomicReference<>();
		this.contextRunner.run((context) -> first.set(context.getBean("taskScheduler").getClass()));
		this.contextRunner.run((context) -> assertThat(context.getBean("taskScheduler")).isExactlyInstanceOf(first.get()));
	}

	@Test
	void leavesASchedulerOfAFinalClassUntouched() {
		this.contextRunner.withUserConfiguration(FinalScheduler.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(TaskScheduler.class)).isExactlyInstanceOf(FinalTaskScheduler.class);
		});
	}

	@Test
	void leavesTheApplicationsSchedulerUntouchedWhenDisabled() {
		this.contextRunner.withUserConfiguration(UserScheduler.class)
			.withPropertyValues("memory.lifecycle.scheduling.enabled=false")
			.run((context) -> {
				assertThat(AopUtils.isAopProxy(context.getBean(ThreadPoolTaskScheduler.class))).isFalse();
				assertThat(context).doesNotHaveBean(TrackedTaskScheduler.class)
					.doesNotHaveBean("timersMemoryLifecycleContributor");
			});
	}

	@Test
	void backsOffEntirelyWhenMemoryLifecycleIsDisabled() {
		this.contextRunner.withPropertyValues("memory.lifecycle.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TrackedTaskScheduler.class)
				.doesNotHaveBean(TaskScheduler.class)
				.doesNotHaveBean(MemoryLifecycleContributor.class));
	}

	@Test
	void backsOffWhenTheUserDefinesATrackedTaskScheduler() {
		this.contextRunner.withUserConfiguration(UserTrackedScheduler.class)
			.run((context) -> assertThat(context.getBean(TrackedTaskScheduler.class))
				.isSameAs(context.getBean(UserTrackedScheduler.class).tracked));
	}

	@Test
	void providesNoMeterBinderWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasSingleBean(TrackedTaskScheduler.class)
				.doesNotHaveBean("memoryLifecycleSchedulingMeterBinder"));
	}

	@Test
	void failsToStartWithANonPositiveSiteThreshold() {
		this.contextRunner.withPropertyValues("memory.lifecycle.scheduling.site-threshold=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("memory.lifecycle.scheduling.site-threshold"));
	}

	@Test
	void measuresLiveTimersAndFailures() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean("memoryLifecycleSchedulingMeterBinder", MeterBinder.class).bindTo(registry);
			TrackedTaskScheduler tracked = context.getBean(TrackedTaskScheduler.class);
			ScheduledFuture<?> live = tracked.scheduleAtFixedRate(() -> {
			}, Duration.ofHours(1));
			ScheduledFuture<?> failing = tracked.schedule(() -> {
				throw new IllegalStateException("boom");
			}, Instant.now());
			await().until(failing::isDone);
			assertThat(registry.get("memory.lifecycle.scheduling.timers.live").gauge().value()).isEqualTo(1);
			assertThat(registry.get("memory.lifecycle.scheduling.timers.failures").functionCounter().count())
				.isEqualTo(1);
			assertThat(registry.get("memory.lifecycle.scheduling.timers.growth.warnings").functionCounter().count())
				.isZero();
			live.cancel(false);
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void contributesTheLiveTimersToTheEndpoint() {
		this.contextRunner.run((context) -> {
			TrackedTaskScheduler tracked = context.getBean(TrackedTaskScheduler.class);
			for (int i = 0; i < 3; i++) {
				tracked.forOwner(this).scheduleAtFixedRate(() -> {
				}, Instant.now().plus(Duration.ofHours(1)), Duration.ofHours(1));
			}
			MemoryLifecycleContributor contributor = context.getBean("timersMemoryLifecycleContributor",
					MemoryLifecycleContributor.class);
			assertThat(contributor.part()).isEqualTo("timers");
			TimersContributor.TimersDescriptor part = (TimersContributor.TimersDescriptor) contributor.describe(2);
			assertThat(part.live()).isEqualTo(3);
			assertThat(part.items()).hasSize(2);
			TimersContributor.TimerDescriptor first = part.items().get(0);
			assertThat(first.kind()).isEqualTo("fixed-rate");
			assertThat(first.schedule()).isEqualTo("PT1H");
			assertThat(first.scope()).isEqualTo("owner");
			assertThat(first.owner()).isEqualTo(getClass().getName());
			assertThat(first.executions()).isZero();
			assertThat(first.description()).isNotNull();
			assertThat(first.createdAt()).isNotNull();
			assertThat(first.nextExecution()).isNotNull();
			assertThat(first.site()).isNull();
			assertThat(first.lastOutcome()).isNull();
			assertThat(contributor.cancel(first.id())).isTrue();
			assertThat(contributor.cancel(first.id())).isFalse();
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class SchedulingEnabled {

	}

	@Configuration(proxyBeanMethods = false)
	static class UserScheduler {

		@Bean
		ThreadPoolTaskScheduler userScheduler() {
			ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
			scheduler.setThreadNamePrefix("user-");
			return scheduler;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoSchedulers {

		@Bean
		ThreadPoolTaskScheduler taskScheduler() {
			return new ThreadPoolTaskScheduler();
		}

		@Bean
		ThreadPoolTaskScheduler otherScheduler() {
			return new ThreadPoolTaskScheduler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserExecutorService {

		@Bean(destroyMethod = "shutdownNow")
		ScheduledExecutorService scheduledExecutorService() {
			return Executors.newSingleThreadScheduledExecutor();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FinalScheduler {

		@Bean
		FinalTaskScheduler finalTaskScheduler() {
			return new FinalTaskScheduler();
		}

	}

	static final class FinalTaskScheduler extends org.springframework.scheduling.concurrent.ConcurrentTaskScheduler {

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTrackedScheduler {

		final TrackedTaskScheduler tracked = new TrackedTaskScheduler(new ThreadPoolTaskScheduler());

		@Bean
		TrackedTaskScheduler userTrackedTaskScheduler() {
			return this.tracked;
		}

	}

	static class ConcreteTypeClient {

		private final ThreadPoolTaskScheduler scheduler;

		ConcreteTypeClient(ThreadPoolTaskScheduler scheduler) {
			this.scheduler = scheduler;
		}

		void start() {
			this.scheduler.scheduleWithFixedDelay(() -> {
			}, Duration.ofHours(1));
		}

	}

	static class ScheduledJobs {

		@Scheduled(fixedRate = 1, timeUnit = java.util.concurrent.TimeUnit.HOURS, initialDelay = 1)
		void refresh() {
		}

		@Scheduled(cron = "0 0 3 * * *")
		void nightly() {
		}

	}

	static class ConfigurerTasks implements SchedulingConfigurer {

		@Override
		public void configureTasks(org.springframework.scheduling.config.ScheduledTaskRegistrar registrar) {
			registrar.addFixedDelayTask(() -> {
			}, Duration.ofHours(1));
		}

	}

}
