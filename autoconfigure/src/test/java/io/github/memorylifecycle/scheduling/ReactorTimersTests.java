package io.github.memorylifecycle.scheduling;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reactor's own timers among the live timers: {@code Flux.interval}, {@code Mono.delay} and
 * {@code schedulePeriodically} listed (kind {@code reactor}, with their schedule and the line that subscribed) while
 * subscribed, gone once disposed or done; the decorator removed when the context closes, and a restarted context
 * tracks again.
 */
class ReactorTimersTests {

	private ConfigurableApplicationContext context;

	@BeforeEach
	void start() {
		// Reactor's shared schedulers are JVM-wide and may predate this test's context: drop them, so that they are
		// re-created, decorated, on first use (what happens in an application, where they are created on first use)
		Schedulers.resetFactory();
		this.context = startApplication();
	}

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void fluxIntervalIsListedWhileSubscribedAndForgottenWhenDisposed() {
		Disposable ticks = Flux.interval(Duration.ofHours(1)).subscribe();
		List<TimerInfo> reactor = reactorTimers();
		assertThat(reactor).singleElement().satisfies((timer) -> {
			assertThat(timer.schedule()).isEqualTo("every PT1H");
			assertThat(timer.site()).startsWith(ReactorTimersTests.class.getName()
					+ ".fluxIntervalIsListedWhileSubscribedAndForgottenWhenDisposed:");
		});
		ticks.dispose();
		await().atMost(Duration.ofSeconds(10)).until(() -> reactorTimers().isEmpty());
	}

	@Test
	void monoDelayIsListedUntilItFiresOrIsDisposed() throws InterruptedException {
		Disposable later = Mono.delay(Duration.ofHours(1)).subscribe();
		assertThat(reactorTimers()).singleElement()
			.satisfies((timer) -> assertThat(timer.schedule()).isEqualTo("once after PT1H"));
		later.dispose();
		await().atMost(Duration.ofSeconds(10)).until(() -> reactorTimers().isEmpty());
		CountDownLatch fired = new CountDownLatch(1);
		Mono.delay(Duration.ofMillis(10)).subscribe((tick) -> fired.countDown());
		assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> reactorTimers().isEmpty());
	}

	@Test
	void schedulePeriodicallyOnAParallelSchedulerIsListed() {
		Disposable task = Schedulers.parallel().schedulePeriodically(() -> {
		}, 1, 1, TimeUnit.HOURS);
		assertThat(reactorTimers()).singleElement()
			.satisfies((timer) -> assertThat(timer.schedule()).isEqualTo("every PT1H"));
		task.dispose();
		await().atMost(Duration.ofSeconds(10)).until(() -> reactorTimers().isEmpty());
	}

	@Test
	void closingTheContextRemovesTheDecoratorAndARestartedContextTracksAgain() {
		Flux.interval(Duration.ofHours(1)).subscribe().dispose(); // Reactor's parallel scheduler, decorated
		this.context.close();
		assertThat(Schedulers.removeExecutorServiceDecorator(ReactorTimers.DECORATOR_KEY)).isNull();
		Disposable untracked = Flux.interval(Duration.ofHours(1)).subscribe(); // passes through, tracked by no one
		this.context = startApplication();
		assertThat(reactorTimers()).isEmpty();
		Disposable tracked = Flux.interval(Duration.ofHours(1)).subscribe();
		assertThat(reactorTimers()).hasSize(1);
		tracked.dispose();
		untracked.dispose();
	}

	private List<TimerInfo> reactorTimers() {
		return this.context.getBean(TrackedTaskScheduler.class)
			.liveTimers()
			.stream()
			.filter((timer) -> timer.kind() == TimerInfo.Kind.REACTOR)
			.toList();
	}

	private static ConfigurableApplicationContext startApplication() {
		return new SpringApplicationBuilder(ReactorApplication.class).web(WebApplicationType.NONE)
			.run("--memory.lifecycle.scheduling.capture-sites=true");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ReactorApplication {

	}

}
