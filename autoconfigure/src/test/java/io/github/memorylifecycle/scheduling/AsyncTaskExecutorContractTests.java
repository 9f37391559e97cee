package io.github.memorylifecycle.scheduling;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What every {@link AsyncTaskExecutor} of the application must do, run against the raw
 * {@link ThreadPoolTaskExecutor}, the {@link TrackedAsyncTaskExecutor} decorating one and the tracked proxy of one:
 * tracking must not change behavior. The executor has one thread, so that a second task waits in its queue.
 */
abstract class AsyncTaskExecutorContractTests {

	private ThreadPoolTaskExecutor raw;

	AsyncTaskExecutor executor;

	private final CountDownLatch release = new CountDownLatch(1);

	/**
	 * Returns the executor under test, built on an initialized raw executor.
	 * @param raw the raw executor, shut down after each test
	 * @return the executor to test
	 */
	abstract AsyncTaskExecutor executor(ThreadPoolTaskExecutor raw);

	@BeforeEach
	void createExecutor() {
		this.raw = newRawExecutor();
		this.executor = executor(this.raw);
	}

	@AfterEach
	void shutDownExecutor() {
		this.release.countDown();
		this.raw.shutdown();
	}

	@Test
	void executesARunnable() throws Exception {
		CountDownLatch ran = new CountDownLatch(1);
		this.executor.execute(ran::countDown);
		assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	@SuppressWarnings("deprecation")
	void executesARunnableWithTheDeprecatedTimeout() throws Exception {
		CountDownLatch ran = new CountDownLatch(1);
		this.executor.execute(ran::countDown, AsyncTaskExecutor.TIMEOUT_INDEFINITE);
		assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void submitsARunnableWhoseFutureCompletesWithNull() throws Exception {
		AtomicBoolean ran = new AtomicBoolean();
		Future<?> future = this.executor.submit(() -> ran.set(true));
		assertThat(future.get(5, TimeUnit.SECONDS)).isNull();
		assertThat(ran).isTrue();
		assertThat(future.isDone()).isTrue();
	}

	@Test
	void submitsACallableWhoseFutureCompletesWithItsValue() throws Exception {
		Future<String> future = this.executor.submit(() -> "done");
		assertThat(future.get(5, TimeUnit.SECONDS)).isEqualTo("done");
	}

	@Test
	void failsTheFutureOfASubmittedCallableThatThrows() {
		Future<String> future = this.executor.submit(failing());
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(5, TimeUnit.SECONDS))
			.withCauseInstanceOf(IllegalStateException.class);
	}

	@Test
	void completesTheFutureOfACompletableRunnable() throws Exception {
		AtomicBoolean ran = new AtomicBoolean();
		CompletableFuture<Void> future = this.executor.submitCompletable(() -> ran.set(true));
		assertThat(future.get(5, TimeUnit.SECONDS)).isNull();
		assertThat(ran).isTrue();
	}

	@Test
	void completesTheFutureOfACompletableCallableWithItsValue() throws Exception {
		CompletableFuture<String> future = this.executor.submitCompletable(() -> "done");
		assertThat(future.thenApply(String::length).get(5, TimeUnit.SECONDS)).isEqualTo(4);
	}

	@Test
	void failsTheFutureOfACompletableCallableThatThrows() {
		CompletableFuture<String> future = this.executor.submitCompletable(failing());
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(5, TimeUnit.SECONDS))
			.havingRootCause()
			.isInstanceOf(IllegalStateException.class)
			.withMessage("boom");
	}

	@Test
	void cancellingAQueuedSubmittedTaskKeepsItFromRunning() throws Exception {
		occupyTheThread();
		AtomicBoolean ran = new AtomicBoolean();
		Future<?> queued = this.executor.submit(() -> ran.set(true));
		assertThat(queued.cancel(false)).isTrue();
		assertThat(queued.isCancelled()).isTrue();
		this.release.countDown();
		this.executor.submit(() -> {
		}).get(5, TimeUnit.SECONDS);
		assertThat(ran).isFalse();
	}

	@Test
	void cancellingARunningSubmittedTaskInterruptsIt() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		AtomicReference<Throwable> interruption = new AtomicReference<>();
		CountDownLatch ended = new CountDownLatch(1);
		Future<?> running = this.executor.submit(() -> {
			started.countDown();
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				interruption.set(ex);
			}
			ended.countDown();
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(running.cancel(true)).isTrue();
		assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(interruption.get()).isInstanceOf(InterruptedException.class);
		assertThat(running.isCancelled()).isTrue();
	}

	@Test
	void cancellingACompletableFutureCompletesItWithoutInterruptingTheWork() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		CountDownLatch ended = new CountDownLatch(1);
		CompletableFuture<Void> future = this.executor.submitCompletable(() -> {
			started.countDown();
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
			}
			ended.countDown();
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(future.cancel(true)).isTrue();
		assertThat(future.isCancelled()).isTrue();
		this.release.countDown();
		assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(interrupted).isFalse();
	}

	@Test
	void rejectsWorkOnceShutDownLikeTheRawExecutor() {
		this.raw.shutdown();
		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> this.executor.execute(() -> {
		}));
		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> this.executor.submit(() -> "x"));
		assertThatExceptionOfType(TaskRejectedException.class)
			.isThrownBy(() -> this.executor.submitCompletable(() -> "x"));
	}

	@ParameterizedTest
	@MethodSource("nullTasks")
	void rejectsANullTaskLikeTheRawExecutor(Function<AsyncTaskExecutor, Object> call) {
		ThreadPoolTaskExecutor reference = newRawExecutor();
		try {
			Throwable expected = catchThrowable(() -> call.apply(reference));
			Throwable actual = catchThrowable(() -> call.apply(this.executor));
			assertThat(expected).as("the raw executor's failure").isNotNull();
			assertThat(actual).isExactlyInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
		}
		finally {
			reference.shutdown();
		}
	}

	static Stream<Named<Function<AsyncTaskExecutor, Object>>> nullTasks() {
		return Stream.of(Named.of("execute(null)", (executor) -> {
			executor.execute(null);
			return null;
		}), Named.of("submit(null runnable)", (executor) -> executor.submit((Runnable) null)),
				Named.of("submit(null callable)", (executor) -> executor.submit((Callable<?>) null)),
				Named.of("submitCompletable(null runnable)", (executor) -> executor.submitCompletable((Runnable) null)),
				Named.of("submitCompletable(null callable)",
						(executor) -> executor.submitCompletable((Callable<?>) null)));
	}

	void occupyTheThread() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		this.executor.execute(() -> {
			started.countDown();
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
	}

	void release() {
		this.release.countDown();
	}

	private static Callable<String> failing() {
		return () -> {
			throw new IllegalStateException("boom");
		};
	}

	static ThreadPoolTaskExecutor newRawExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(1);
		executor.setThreadNamePrefix("contract-async-");
		executor.initialize();
		return executor;
	}

}
