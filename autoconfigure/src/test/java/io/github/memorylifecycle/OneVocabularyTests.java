package io.github.memorylifecycle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.memorylifecycle.events.ListenerRegistry;
import io.github.memorylifecycle.events.ListenersAutoConfiguration;
import io.github.memorylifecycle.scheduling.AsyncAutoConfiguration;
import io.github.memorylifecycle.scheduling.SchedulingAutoConfiguration;
import io.github.memorylifecycle.scheduling.TrackedAsyncTaskExecutor;
import io.github.memorylifecycle.scheduling.TrackedTaskScheduler;
import io.github.memorylifecycle.scope.ApplicationCleanupRegistry;
import io.github.memorylifecycle.scope.Lifespan;
import io.github.memorylifecycle.scope.OwnerCleanupRegistry;
import io.github.memorylifecycle.scope.Registration;
import io.github.memorylifecycle.scope.ScopeAutoConfiguration;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Timers, async work and listeners bind to a lifespan with the same words, {@code boundTo(Lifespan)}, and end with
 * it; the older per-feature methods mean the same thing.
 */
class OneVocabularyTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleWarningsAutoConfiguration.class, ScopeAutoConfiguration.class,
				TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class,
				SchedulingAutoConfiguration.class, AsyncAutoConfiguration.class, ListenersAutoConfiguration.class));

	@Test
	void workAndListenersBoundToAnOwnerEndWhenTheOwnerIsCleanedUp() {
		this.contextRunner.run((context) -> {
			Object owner = new Object();
			CountDownLatch release = new CountDownLatch(1);
			try {
				ScopedWork work = start(context.getBean(TrackedTaskScheduler.class),
						context.getBean(TrackedAsyncTaskExecutor.class), context.getBean(ListenerRegistry.class),
						Lifespan.owner(owner), release);
				assertThat(context.getBean(OwnerCleanupRegistry.class).cleanup(owner)).isEqualTo(3);
				work.assertEnded();
			}
			finally {
				release.countDown();
			}
		});
	}

	@Test
	void workAndListenersBoundToARegistryEndWithItsScope() {
		CountDownLatch release = new CountDownLatch(1);
		ScopedWork[] work = new ScopedWork[1];
		try {
			this.contextRunner.run((context) -> work[0] = start(context.getBean(TrackedTaskScheduler.class),
					context.getBean(TrackedAsyncTaskExecutor.class), context.getBean(ListenerRegistry.class),
					Lifespan.of(context.getBean(ApplicationCleanupRegistry.class)), release));
			work[0].assertEnded();
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void theCurrentRequestOutsideOfARequestFailsTheSameForEveryFeature() {
		this.contextRunner.run((context) -> {
			assertThatIllegalStateException()
				.isThrownBy(() -> context.getBean(TrackedTaskScheduler.class).boundTo(Lifespan.request()))
				.withMessageContaining("No RequestCleanupRegistry bean");
			assertThatIllegalStateException()
				.isThrownBy(() -> context.getBean(TrackedAsyncTaskExecutor.class).boundTo(Lifespan.request()))
				.withMessageContaining("No RequestCleanupRegistry bean");
			assertThatIllegalStateException()
				.isThrownBy(() -> context.getBean(ListenerRegistry.class).boundTo(Lifespan.session()))
				.withMessageContaining("No SessionCleanupRegistry bean");
		});
	}

	private static ScopedWork start(TrackedTaskScheduler scheduler, TrackedAsyncTaskExecutor executor,
			ListenerRegistry listeners, Lifespan lifespan, CountDownLatch release) throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		ScheduledFuture<?> timer = scheduler.boundTo(lifespan).scheduleAtFixedRate(() -> {
		}, Duration.ofHours(1));
		Future<?> task = executor.boundTo(lifespan).submit(() -> {
			started.countDown();
			release.await(30, TimeUnit.SECONDS);
			return null;
		});
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		Registration listener = listeners.boundTo(lifespan).on(ApplicationEvent.class, (event) -> {
		});
		assertThat(scheduler.liveTimers()).hasSize(1);
		assertThat(listeners.liveListeners()).hasSize(1);
		return new ScopedWork(timer, task, listener, scheduler, listeners);
	}

	record ScopedWork(ScheduledFuture<?> timer, Future<?> task, Registration listener, TrackedTaskScheduler scheduler,
			ListenerRegistry listeners) {

		void assertEnded() {
			assertThat(this.timer.isCancelled()).isTrue();
			assertThat(this.task.isCancelled()).isTrue();
			assertThat(this.listener.isPending()).isFalse();
			assertThat(this.scheduler.liveTimers()).isEqualTo(List.of());
			assertThat(this.listeners.liveListeners()).isEmpty();
		}

	}

}
