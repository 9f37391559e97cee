package io.github.memorylifecycle.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link TaskScheduler} of the application must do, run against the raw {@link ThreadPoolTaskScheduler},
 * the {@link TrackedTaskScheduler} decorating one and the tracked proxy of one: tracking must not change behavior.
 */
abstract class TaskSchedulerContractTests {

	private static final Duration SHORT = Duration.ofMillis(10);

	private static final Duration LONG = Duration.ofHours(1);

	private static final Runnable NOTHING = () -> {
	};

	private final Clock clock = Clock.offset(Clock.systemUTC(), Duration.ZERO);

	private ThreadPoolTaskScheduler raw;

	private TaskScheduler scheduler;

	/**
	 * Returns the scheduler under test, built on an initialized raw scheduler.
	 * @param raw the raw scheduler, shut down after each test
	 * @return the scheduler to test
	 */
	abstract TaskScheduler scheduler(ThreadPoolTaskScheduler raw);

	@BeforeEach
	void createScheduler() {
		this.raw = newRawScheduler();
		this.raw.setClock(this.clock);
		this.scheduler = scheduler(this.raw);
	}

	@AfterEach
	void shutDownScheduler() {
		this.raw.shutdown();
	}

	@Test
	void reportsTheClockOfTheScheduler() {
		assertThat(this.scheduler.getClock()).isSameAs(this.clock);
	}

	@Test
	void runsAOneShotTaskOnceAtItsStartTime() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		ScheduledFuture<?> future = this.scheduler.schedule(runs::incrementAndGet, Instant.now().plus(SHORT));
		assertThat(future.get(5, TimeUnit.SECONDS)).isNull();
		assertThat(future.isDone()).isTrue();
		assertThat(future.isCancelled()).isFalse();
		assertThat(runs).hasValue(1);
	}

	@Test
	void runsAOneShotTaskWithAPastStartTimeAtOnce() throws Exception {
		CountDownLatch ran = new CountDownLatch(1);
		ScheduledFuture<?> future = this.scheduler.schedule(ran::countDown, Instant.now().minus(LONG));
		assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
		future.get(5, TimeUnit.SECONDS);
		assertThat(future.isDone()).isTrue();
	}

	@Test
	void reportsTheDelayUntilTheStartTime() {
		ScheduledFuture<?> future = this.scheduler.schedule(NOTHING, Instant.now().plus(LONG));
		assertThat(future.getDelay(TimeUnit.MINUTES)).isBetween(58L, 60L);
		assertThat(future.isDone()).isFalse();
		future.cancel(false);
	}

	@Test
	void cancellingAOneShotTaskBeforeItsStartTimeKeepsItFromRunning() {
		AtomicInteger runs = new AtomicInteger();
		ScheduledFuture<?> future = this.scheduler.schedule(runs::incrementAndGet, Instant.now().plus(LONG));
		assertThat(future.cancel(false)).isTrue();
		assertThat(future.cancel(false)).isFalse();
		assertThat(future.isCancelled()).isTrue();
		assertThat(future.isDone()).isTrue();
		assertThatExceptionOfType(CancellationException.class).isThrownBy(future::get);
		assertThat(runs).hasValue(0);
	}

	@Test
	void failsTheFutureOfAOneShotTaskThatThrows() {
		ScheduledFuture<?> future = this.scheduler.schedule(() -> {
			throw new IllegalStateException("boom");
		}, Instant.now());
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(5, TimeUnit.SECONDS))
			.withRootCauseInstanceOf(IllegalStateException.class);
	}

	@Test
	void repeatsAFixedRateTaskUntilCancelled() throws Exception {
		assertRepeatsUntilCancelled((task) -> this.scheduler.scheduleAtFixedRate(task, SHORT));
	}

	@Test
	void repeatsAFixedRateTaskFromItsStartTimeUntilCancelled() throws Exception {
		assertRepeatsUntilCancelled(
				(task) -> this.scheduler.scheduleAtFixedRate(task, Instant.now().plus(SHORT), SHORT));
	}

	@Test
	void repeatsAFixedDelayTaskUntilCancelled() throws Exception {
		assertRepeatsUntilCancelled((task) -> this.scheduler.scheduleWithFixedDelay(task, SHORT));
	}

	@Test
	void repeatsAFixedDelayTaskFromItsStartTimeUntilCancelled() throws Exception {
		assertRepeatsUntilCancelled(
				(task) -> this.scheduler.scheduleWithFixedDelay(task, Instant.now().plus(SHORT), SHORT));
	}

	@Test
	void waitsForTheStartTimeOfARepeatingTask() {
		ScheduledFuture<?> future = this.scheduler.scheduleAtFixedRate(NOTHING, Instant.now().plus(LONG), SHORT);
		assertThat(future.getDelay(TimeUnit.MINUTES)).isBetween(58L, 60L);
		future.cancel(false);
	}

	@Test
	void keepsRunningARepeatingTaskThatThrows() throws Exception {
		CountDownLatch runs = new CountDownLatch(3);
		ScheduledFuture<?> future = this.scheduler.scheduleWithFixedDelay(() -> {
			runs.countDown();
			throw new IllegalStateException("boom");
		}, SHORT);
		assertThat(runs.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(future.isDone()).isFalse();
		future.cancel(false);
	}

	@Test
	void followsATriggerUntilItHasNoNextExecution() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		ScheduledFuture<?> future = this.scheduler.schedule(runs::incrementAndGet, times(3));
		await().atMost(Duration.ofSeconds(5)).until(future::isDone);
		assertThat(runs).hasValue(3);
		assertThat(future.isCancelled()).isFalse();
	}

	@Test
	void returnsNullForATriggerWithoutAFirstExecution() {
		ScheduledFuture<?> future = this.scheduler.schedule(NOTHING, times(0));
		assertThat((Object) future).isNull();
	}

	@Test
	void schedulesACronTriggerForItsNextMatch() {
		ScheduledFuture<?> future = this.scheduler.schedule(NOTHING, new CronTrigger("0 0 0 1 1 *"));
		assertThat(future.getDelay(TimeUnit.DAYS)).isBetween(0L, 366L);
		assertThat(future.cancel(false)).isTrue();
		assertThat(future.isCancelled()).isTrue();
	}

	@Test
	void cancelsATriggerTask() {
		AtomicInteger runs = new AtomicInteger();
		ScheduledFuture<?> future = this.scheduler.schedule(runs::incrementAndGet,
				(context) -> Instant.now().plus(LONG));
		assertThat(future.cancel(true)).isTrue();
		assertThat(future.isCancelled()).isTrue();
		assertThat(runs).hasValue(0);
	}

	@Test
	@SuppressWarnings("deprecation")
	void supportsTheDeprecatedDateAndMillisecondVariants() throws Exception {
		CountDownLatch ran = new CountDownLatch(1);
		this.scheduler.schedule(ran::countDown, new Date()).get(5, TimeUnit.SECONDS);
		assertThat(ran.getCount()).isZero();
		assertRepeatsUntilCancelled((task) -> this.scheduler.scheduleAtFixedRate(task, 10L));
		assertRepeatsUntilCancelled((task) -> this.scheduler.scheduleAtFixedRate(task, new Date(), 10L));
		assertRepeatsUntilCancelled((task) -> this.scheduler.scheduleWithFixedDelay(task, 10L));
		assertRepeatsUntilCancelled((task) -> this.scheduler.scheduleWithFixedDelay(task, new Date(), 10L));
	}

	@ParameterizedTest
	@MethodSource("badCalls")
	void rejectsBadArgumentsLikeTheRawScheduler(Function<TaskScheduler, Object> call) {
		ThreadPoolTaskScheduler reference = newRawScheduler();
		try {
			Throwable expected = catchThrowable(() -> call.apply(reference));
			Throwable actual = catchThrowable(() -> call.apply(this.scheduler));
			assertThat(expected).as("the raw scheduler's failure").isNotNull();
			assertThat(actual).isExactlyInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
		}
		finally {
			reference.shutdown();
		}
	}

	@Test
	void rejectsTasksOnceShutDownLikeTheRawScheduler() {
		this.raw.shutdown();
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> this.scheduler.schedule(NOTHING, Instant.now()));
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> this.scheduler.scheduleAtFixedRate(NOTHING, SHORT));
	}

	@SuppressWarnings("deprecation")
	static Stream<Named<Function<TaskScheduler, Object>>> badCalls() {
		Instant now = Instant.now();
		Trigger once = times(1);
		return Stream.of(call("schedule(null, instant)", (s) -> s.schedule(null, now)),
				call("schedule(task, null instant)", (s) -> s.schedule(NOTHING, (Instant) null)),
				call("schedule(null, trigger)", (s) -> s.schedule(null, once)),
				call("schedule(task, null trigger)", (s) -> s.schedule(NOTHING, (Trigger) null)),
				call("schedule(task, null date)", (s) -> s.schedule(NOTHING, (Date) null)),
				call("scheduleAtFixedRate(null, period)", (s) -> s.scheduleAtFixedRate(null, SHORT)),
				call("scheduleAtFixedRate(task, null period)", (s) -> s.scheduleAtFixedRate(NOTHING, (Duration) null)),
				call("scheduleAtFixedRate(task, zero period)", (s) -> s.scheduleAtFixedRate(NOTHING, Duration.ZERO)),
				call("scheduleAtFixedRate(task, negative period)",
						(s) -> s.scheduleAtFixedRate(NOTHING, Duration.ofSeconds(-1))),
				call("scheduleAtFixedRate(task, null start, period)",
						(s) -> s.scheduleAtFixedRate(NOTHING, null, SHORT)),
				call("scheduleAtFixedRate(task, start, zero period)",
						(s) -> s.scheduleAtFixedRate(NOTHING, now, Duration.ZERO)),
				call("scheduleAtFixedRate(task, zero millis)", (s) -> s.scheduleAtFixedRate(NOTHING, 0L)),
				call("scheduleWithFixedDelay(null, delay)", (s) -> s.scheduleWithFixedDelay(null, SHORT)),
				call("scheduleWithFixedDelay(task, null delay)",
						(s) -> s.scheduleWithFixedDelay(NOTHING, (Duration) null)),
				call("scheduleWithFixedDelay(task, zero delay)",
						(s) -> s.scheduleWithFixedDelay(NOTHING, Duration.ZERO)),
				call("scheduleWithFixedDelay(task, negative delay)",
						(s) -> s.scheduleWithFixedDelay(NOTHING, Duration.ofSeconds(-1))),
				call("scheduleWithFixedDelay(task, null start, delay)",
						(s) -> s.scheduleWithFixedDelay(NOTHING, null, SHORT)),
				call("scheduleWithFixedDelay(task, start, negative delay)",
						(s) -> s.scheduleWithFixedDelay(NOTHING, now, Duration.ofSeconds(-1))));
	}

	private static Named<Function<TaskScheduler, Object>> call(String name, Function<TaskScheduler, Object> call) {
		return Named.of(name, call);
	}

	private void assertRepeatsUntilCancelled(Function<Runnable, ScheduledFuture<?>> schedule) throws Exception {
		CountDownLatch runs = new CountDownLatch(3);
		ScheduledFuture<?> future = schedule.apply(runs::countDown);
		assertThat(runs.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(future.isDone()).isFalse();
		assertThat(future.cancel(false)).isTrue();
		assertThat(future.isCancelled()).isTrue();
		assertThat(future.isDone()).isTrue();
		assertThatExceptionOfType(CancellationException.class).isThrownBy(future::get);
	}

	/**
	 * A trigger that fires a given number of times, 5 ms apart.
	 */
	static Trigger times(int count) {
		AtomicInteger left = new AtomicInteger(count);
		return (context) -> (left.getAndDecrement() > 0) ? Instant.now().plusMillis(5) : null;
	}

	static ThreadPoolTaskScheduler newRawScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(2);
		scheduler.setThreadNamePrefix("contract-");
		scheduler.initialize();
		return scheduler;
	}

}
