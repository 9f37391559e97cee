package io.github.memorylifecycle.scheduling;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.github.memorylifecycle.scheduling.PendingTaskInfo.State;
import io.github.memorylifecycle.scope.OwnerCleanupRegistry;
import io.github.memorylifecycle.scope.ScopeAutoConfiguration;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AsyncAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleWarningsAutoConfiguration.class, ScopeAutoConfiguration.class,
				TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class,
				SchedulingAutoConfiguration.class, AsyncAutoConfiguration.class));

	@Test
	void tracksSpringBootsApplicationTaskExecutorWithoutChangingItsNameOrType() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TrackedAsyncTaskExecutor.class)
				.hasBean("asyncMemoryLifecycleContributor")
				.hasBean("memoryLifecycleAsyncMeterBinder");
			ThreadPoolTaskExecutor executor = context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class);
			assertThat(AopUtils.isAopProxy(executor)).isTrue();
			assertThat(context.getBean(ThreadPoolTaskExecutor.class)).isSameAs(executor);
			CountDownLatch release = new CountDownLatch(1);
			Future<?> future = executor.submit(() -> awaitQuietly(release));
			assertThat(context.getBean(TrackedAsyncTaskExecutor.class).pendingTasks()).hasSize(1);
			release.countDown();
			future.get(5, TimeUnit.SECONDS);
		});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void tracksTheVirtualThreadExecutorWhenVirtualThreadsAreEnabled() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			SimpleAsyncTaskExecutor executor = context.getBean("applicationTaskExecutor", SimpleAsyncTaskExecutor.class);
			assertThat(AopUtils.isAopProxy(executor)).isTrue();
			CountDownLatch release = new CountDownLatch(1);
			Future<?> future = executor.submit(() -> awaitQuietly(release));
			assertThat(context.getBean(TrackedAsyncTaskExecutor.class).pendingTasks()).hasSize(1);
			release.countDown();
			future.get(5, TimeUnit.SECONDS);
		});
	}

	@Test
	void submitsThroughTheTrackedExecutorBeanToTheApplicationTaskExecutor() {
		this.contextRunner.run((context) -> {
			TrackedAsyncTaskExecutor tracked = context.getBean(TrackedAsyncTaskExecutor.class);
			assertThat(tracked.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS))
				.startsWith("task-");
			await().until(() -> tracked.pendingTasks().isEmpty());
		});
	}

	@Test
	void listsAsyncMethodsUnderTheirBeanMethodWhilePending() {
		this.contextRunner.withUserConfiguration(AsyncEnabled.class).run((context) -> {
			Reports reports = context.getBean(Reports.class);
			TrackedAsyncTaskExecutor tracked = context.getBean(TrackedAsyncTaskExecutor.class);
			CompletableFuture<String> report = reports.build();
			assertThat(SubmissionContext.current()).isNull();
			assertThat(reports.started().await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(tracked.pendingTasks()).singleElement().satisfies((task) -> {
				assertThat(task.description()).isEqualTo(Reports.class.getName() + ".build");
				assertThat(task.state()).isEqualTo(State.RUNNING);
			});
			reports.release().countDown();
			assertThat(report.get(5, TimeUnit.SECONDS)).isEqualTo("report");
			await().until(() -> tracked.pendingTasks().isEmpty());
			reports.fireAndForget();
			await().until(reports.fired()::get);
			await().until(() -> tracked.pendingTasks().isEmpty());
		});
	}

	@Test
	void cancelsAsyncWorkBoundToAnOwnerWhenTheOwnerIsCleanedUp() {
		this.contextRunner.withUserConfiguration(AsyncEnabled.class).run((context) -> {
			Reports reports = context.getBean(Reports.class);
			TrackedAsyncTaskExecutor tracked = context.getBean(TrackedAsyncTaskExecutor.class);
			Object owner = new Object();
			CompletableFuture<String> report = tracked.forOwner(owner).within(reports::build);
			assertThat(reports.started().await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(tracked.pendingTasks()).singleElement().extracting(PendingTaskInfo::scope).isEqualTo("owner");
			assertThat(context.getBean(OwnerCleanupRegistry.class).cleanup(owner)).isEqualTo(1);
			assertThat(report.isCancelled()).isTrue();
			await().untilTrue(reports.interrupted());
			assertThat(tracked.cancelledAtScopeEnd()).isEqualTo(1);
			await().until(() -> tracked.pendingTasks().isEmpty());
		});
	}

	@Test
	void reportsStuckWorkOnceWhileItIsPending() {
		this.contextRunner.withUserConfiguration(AsyncEnabled.class)
			.withPropertyValues("memory.lifecycle.async.stuck-after=20ms")
			.run((context) -> {
				Reports reports = context.getBean(Reports.class);
				LifecycleWarnings warnings = context.getBean(LifecycleWarnings.class);
				CompletableFuture<String> report = reports.build();
				await().until(() -> warnings.count("async") == 1);
				assertThat(warnings.recent()).last()
					.satisfies((warning) -> assertThat(warning.message())
						.startsWith("Async task #1 " + Reports.class.getName() + ".build has been running for"));
				assertThat(context.getBean(AsyncTracker.class).reportStuck()).isZero();
				reports.release().countDown();
				report.get(5, TimeUnit.SECONDS);
				assertThat(warnings.count("async")).isEqualTo(1);
			});
	}

	@Test
	void leavesTheApplicationsExecutorUntouchedWhenDisabled() {
		this.contextRunner.withPropertyValues("memory.lifecycle.async.enabled=false").run((context) -> {
			assertThat(AopUtils.isAopProxy(context.getBean("applicationTaskExecutor"))).isFalse();
			assertThat(context).doesNotHaveBean(TrackedAsyncTaskExecutor.class)
				.doesNotHaveBean("asyncMemoryLifecycleContributor");
		});
	}

	@Test
	void backsOffEntirelyWhenMemoryLifecycleIsDisabled() {
		this.contextRunner.withPropertyValues("memory.lifecycle.enabled=false").run((context) -> {
			assertThat(AopUtils.isAopProxy(context.getBean("applicationTaskExecutor"))).isFalse();
			assertThat(context).doesNotHaveBean(TrackedAsyncTaskExecutor.class)
				.doesNotHaveBean(MemoryLifecycleContributor.class);
		});
	}

	@Test
	void keepsTheApplicationsOwnExecutorAsTheOnlyCandidateForInjection() {
		this.contextRunner.withUserConfiguration(UserExecutor.class).run((context) -> {
			assertThat(context.getBean(AsyncTaskExecutor.class)).isSameAs(context.getBean("userExecutor"));
			assertThat(AopUtils.isAopProxy(context.getBean("userExecutor"))).isTrue();
		});
	}

	@Test
	void failsToStartWithANonPositiveStuckAge() {
		this.contextRunner.withPropertyValues("memory.lifecycle.async.stuck-after=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("memory.lifecycle.async.stuck-after"));
	}

	@Test
	void measuresPendingAndCancelledWork() {
		this.contextRunner.withUserConfiguration(AsyncEnabled.class).run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean("memoryLifecycleAsyncMeterBinder", MeterBinder.class).bindTo(registry);
			Reports reports = context.getBean(Reports.class);
			TrackedAsyncTaskExecutor tracked = context.getBean(TrackedAsyncTaskExecutor.class);
			Object owner = new Object();
			tracked.forOwner(owner).within(reports::build);
			assertThat(reports.started().await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(registry.get("memory.lifecycle.async.pending").gauge().value()).isEqualTo(1);
			tracked.cancel(owner);
			await().until(() -> registry.get("memory.lifecycle.async.pending").gauge().value() == 0);
			assertThat(registry.get("memory.lifecycle.async.cancelled").functionCounter().count()).isZero();
			assertThat(registry.get("memory.lifecycle.async.stuck").functionCounter().count()).isZero();
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void contributesThePendingWorkToTheEndpoint() {
		this.contextRunner.withUserConfiguration(AsyncEnabled.class).run((context) -> {
			Reports reports = context.getBean(Reports.class);
			CompletableFuture<String> report = reports.build();
			assertThat(reports.started().await(5, TimeUnit.SECONDS)).isTrue();
			MemoryLifecycleContributor contributor = context.getBean("asyncMemoryLifecycleContributor",
					MemoryLifecycleContributor.class);
			assertThat(contributor.part()).isEqualTo("async");
			AsyncContributor.AsyncDescriptor part = (AsyncContributor.AsyncDescriptor) contributor.describe(10);
			assertThat(part.pending()).isEqualTo(1);
			assertThat(part.cancelledAtScopeEnd()).isZero();
			assertThat(part.items()).singleElement().satisfies((item) -> {
				assertThat(item.description()).isEqualTo(Reports.class.getName() + ".build");
				assertThat(item.state()).isEqualTo("running");
				assertThat(item.submittedAt()).isNotNull();
				assertThat(item.scope()).isNull();
				assertThat(item.owner()).isNull();
				assertThat(item.site()).isNull();
			});
			AsyncContributor.AsyncDescriptor counts = (AsyncContributor.AsyncDescriptor) contributor.describe(0);
			assertThat(counts.pending()).isEqualTo(1);
			assertThat(counts.items()).isEmpty();
			reports.release().countDown();
			report.get(5, TimeUnit.SECONDS);
		});
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncEnabled {

		@Bean
		Reports reports() {
			return new Reports();
		}

	}

	/**
	 * A bean with {@code @Async} methods. Spring proxies it, so its state is read through methods.
	 */
	static class Reports {

		private final CountDownLatch started = new CountDownLatch(1);

		private final CountDownLatch release = new CountDownLatch(1);

		private final AtomicBoolean interrupted = new AtomicBoolean();

		private final AtomicBoolean fired = new AtomicBoolean();

		CountDownLatch started() {
			return this.started;
		}

		CountDownLatch release() {
			return this.release;
		}

		AtomicBoolean interrupted() {
			return this.interrupted;
		}

		AtomicBoolean fired() {
			return this.fired;
		}

		@Async
		CompletableFuture<String> build() {
			this.started.countDown();
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				this.interrupted.set(true);
			}
			return CompletableFuture.completedFuture("report");
		}

		@Async
		void fireAndForget() {
			this.fired.set(true);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserExecutor {

		@Bean
		ThreadPoolTaskExecutor userExecutor() {
			return new ThreadPoolTaskExecutor();
		}

	}

}
