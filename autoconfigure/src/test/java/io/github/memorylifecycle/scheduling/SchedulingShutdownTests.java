package io.github.memorylifecycle.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.memorylifecycle.scope.ScopeAutoConfiguration;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing the context cancels every tracked timer and the scheduler's threads end. Awaitility polls in the test's
 * own thread here, so that it adds no thread to the counts.
 */
class SchedulingShutdownTests {

	private static final String THREAD_PREFIX = "shutdown-test-";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleWarningsAutoConfiguration.class, ScopeAutoConfiguration.class,
				TaskSchedulingAutoConfiguration.class, SchedulingAutoConfiguration.class))
		.withPropertyValues("spring.task.scheduling.thread-name-prefix=" + THREAD_PREFIX,
				"spring.task.scheduling.pool.size=2")
		.withUserConfiguration(Timers.class);

	@Test
	void closingTheContextCancelsEveryTrackedTimer() {
		List<ScheduledFuture<?>> futures = new ArrayList<>();
		this.contextRunner.run((context) -> {
			startTimers(context);
			futures.addAll(context.getBean(TimerStarter.class).futures);
			assertThat(context.getBean(TrackedTaskScheduler.class).liveTimers()).hasSize(5);
		});
		assertThat(futures).hasSize(4).allSatisfy((future) -> assertThat(future.isCancelled()).isTrue());
		await().pollInSameThread().until(() -> schedulerThreads() == 0);
	}

	@Test
	void startingAndClosingAContextWithRunningTimersFiftyTimesLeavesTheThreadCountWhereItBegan() {
		this.contextRunner.run(this::startTimers); // JVM-wide threads (the owner cleaner, ...) start once
		await().pollInSameThread().until(() -> schedulerThreads() == 0);
		int before = liveThreads();
		for (int i = 0; i < 50; i++) {
			this.contextRunner.run(this::startTimers);
		}
		await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> liveThreads() <= before);
		assertThat(schedulerThreads()).isZero();
	}

	private void startTimers(ConfigurableApplicationContext context) {
		context.getBean(TimerStarter.class).start();
		Jobs jobs = context.getBean(Jobs.class);
		await().pollInSameThread().pollInterval(Duration.ofMillis(2)).until(() -> jobs.runs.get() >= 2);
	}

	private static int liveThreads() {
		return (int) Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).count();
	}

	private static long schedulerThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith(THREAD_PREFIX))
			.count();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class Timers {

		@Bean
		Jobs jobs() {
			return new Jobs();
		}

		@Bean
		TimerStarter timerStarter(TaskScheduler taskScheduler, TrackedTaskScheduler trackedTaskScheduler) {
			return new TimerStarter(taskScheduler, trackedTaskScheduler);
		}

	}

	static class Jobs {

		final AtomicInteger runs = new AtomicInteger();

		@Scheduled(fixedRate = 5)
		void tick() {
			this.runs.incrementAndGet();
		}

	}

	static class TimerStarter {

		final List<ScheduledFuture<?>> futures = new ArrayList<>();

		private final TaskScheduler taskScheduler;

		private final TrackedTaskScheduler trackedTaskScheduler;

		TimerStarter(TaskScheduler taskScheduler, TrackedTaskScheduler trackedTaskScheduler) {
			this.taskScheduler = taskScheduler;
			this.trackedTaskScheduler = trackedTaskScheduler;
		}

		void start() {
			this.futures.add(this.taskScheduler.scheduleAtFixedRate(() -> {
			}, Duration.ofMillis(5)));
			this.futures.add(this.taskScheduler.schedule(() -> {
			}, Instant.now().plus(Duration.ofHours(1))));
			this.futures.add(this.trackedTaskScheduler.scheduleWithFixedDelay(() -> {
			}, Duration.ofMillis(5)));
			this.futures.add(this.trackedTaskScheduler.forOwner(this).scheduleAtFixedRate(() -> {
			}, Duration.ofMillis(5)));
		}

	}

}
