package io.github.memorylifecycle.scheduling;

import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.memorylifecycle.scheduling.PendingTaskInfo.State;
import io.github.memorylifecycle.scope.Lifespans;
import io.github.memorylifecycle.testsupport.MutableClock;
import io.github.memorylifecycle.testsupport.TestScope;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class TrackedAsyncTaskExecutorTests {

	private final ThreadPoolTaskExecutor raw = AsyncTaskExecutorContractTests.newRawExecutor();

	private final LifecycleWarnings warnings = new LifecycleWarnings(50, Clock.systemUTC());

	private final MutableClock clock = new MutableClock();

	private final AsyncTracker tracker = new AsyncTracker(this.clock, this.warnings, 3, false, Duration.ofMinutes(1));

	private final TrackedAsyncTaskExecutor executor = new TrackedAsyncTaskExecutor(this.raw, this.tracker,
			Lifespans.NONE, null);

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void shutDown() {
		this.release.countDown();
		this.raw.shutdown();
	}

	@Test
	void listsWorkWhileQueuedAndRunningAndForgetsItWhenDone() throws Exception {
		occupyTheThread();
		Future<String> queued = this.executor.submit(() -> "done");
		assertThat(this.executor.pendingTasks()).extracting(PendingTaskInfo::state)
			.containsExactly(State.RUNNING, State.QUEUED);
		assertThat(this.executor.pendingTasks().get(1)).satisfies((task) -> {
			assertThat(task.description()).isEqualTo(TrackedAsyncTaskExecutorTests.class.getName() + " (lambda)");
			assertThat(task.submittedAt()).isEqualTo(this.clock.instant());
			assertThat(task.scope()).isNull();
			assertThat(task.site()).isNull();
		});
		this.release.countDown();
		assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("done");
		await().until(() -> this.executor.pendingTasks().isEmpty());
	}

	@Test
	void forgetsWorkThatFailed() {
		CompletableFuture<Object> future = this.executor.submitCompletable(() -> {
			throw new IllegalStateException("boom");
		});
		await().until(future::isDone);
		await().until(() -> this.executor.pendingTasks().isEmpty());
	}

	@Test
	void cancelsPendingWorkBoundToAScopeWhenItEnds() throws Exception {
		TestScope scope = new TestScope();
		CountDownLatch started = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		CompletableFuture<Void> running = this.executor.boundTo(scope).submitCompletable(() -> {
			started.countDown();
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
			}
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		AtomicBoolean queuedRan = new AtomicBoolean();
		Future<?> queued = this.executor.boundTo(scope).submit(() -> queuedRan.set(true));
		Future<?> unbound = this.executor.submit(() -> "unbound");
		assertThat(this.executor.pendingTasks()).extracting(PendingTaskInfo::scope).containsExactly("test", "test", null);
		scope.end();
		assertThat(running.isCancelled()).isTrue();
		assertThat(queued.isCancelled()).isTrue();
		await().untilTrue(interrupted);
		assertThat(unbound.get(5, TimeUnit.SECONDS)).isEqualTo("unbound");
		assertThat(queuedRan).isFalse();
		assertThat(this.executor.cancelledAtScopeEnd()).isEqualTo(2);
		await().until(() -> this.executor.pendingTasks().isEmpty());
	}

	@Test
	void leavesNoDeadEntryInTheScopeOfWorkThatEndedFirst() throws Exception {
		TestScope scope = new TestScope();
		this.executor.boundTo(scope).submit(() -> "quick").get(5, TimeUnit.SECONDS);
		await().until(() -> scope.pending() == 0);
		assertThat(this.executor.cancelledAtScopeEnd()).isZero();
	}

	@Test
	void cancelsAtOnceWorkSubmittedToAScopeThatHasEnded() throws Exception {
		TestScope scope = new TestScope();
		scope.end();
		AtomicBoolean ran = new AtomicBoolean();
		Future<?> future = this.executor.boundTo(scope).submit(() -> ran.set(true));
		assertThat(future.isCancelled()).isTrue();
		this.executor.submit(() -> {
		}).get(5, TimeUnit.SECONDS);
		assertThat(ran).isFalse();
		assertThat(this.executor.pendingTasks()).isEmpty();
	}

	@Test
	void neverHandsWorkBoundToAnEndedScopeToTheExecutorEvenOneThatRunsItAtOnce() {
		AtomicInteger handedOver = new AtomicInteger();
		AsyncTaskExecutor sameThread = new TaskExecutorAdapter((runnable) -> {
			handedOver.incrementAndGet();
			runnable.run();
		});
		TrackedAsyncTaskExecutor executor = new TrackedAsyncTaskExecutor(sameThread, this.tracker,
				Lifespans.NONE, null);
		TestScope scope = new TestScope();
		scope.end();
		AtomicBoolean ran = new AtomicBoolean();
		AsyncTaskExecutor bound = executor.boundTo(scope);
		bound.execute(() -> ran.set(true));
		assertThat(bound.submit(() -> ran.set(true)).isCancelled()).isTrue();
		assertThat(bound.submit(() -> ran.getAndSet(true)).isCancelled()).isTrue();
		assertThat(bound.submitCompletable(() -> ran.set(true)).isCancelled()).isTrue();
		assertThat(bound.submitCompletable(() -> ran.getAndSet(true)).isCancelled()).isTrue();
		assertThat(handedOver).hasValue(0);
		assertThat(ran).isFalse();
		assertThat(executor.pendingTasks()).isEmpty();
	}

	@Test
	void cancelsThePendingWorkOfAnOwner() throws Exception {
		occupyTheThread();
		Object owner = new Object();
		Future<?> owned = this.executor.forOwner(owner).submit(() -> "owned");
		Future<?> other = this.executor.forOwner(new Object()).submit(() -> "other");
		assertThat(this.executor.pendingTasks()).filteredOn((task) -> "owner".equals(task.scope()))
			.extracting(PendingTaskInfo::owner)
			.containsOnly(Object.class.getName());
		assertThat(this.executor.cancel(owner)).isEqualTo(1);
		assertThat(owned.isCancelled()).isTrue();
		assertThat(other.isCancelled()).isFalse();
	}

	@Test
	void cancelsOnePendingTaskById() throws Exception {
		occupyTheThread();
		Future<?> queued = this.executor.submit(() -> "queued");
		long id = this.executor.pendingTasks().get(1).id();
		assertThat(this.executor.cancelTask(id)).isTrue();
		assertThat(this.executor.cancelTask(id)).isFalse();
		assertThat(queued.isCancelled()).isTrue();
	}

	@Test
	void bindsTheWorkAThreadStartsWithinABlock() throws Exception {
		TestScope scope = new TestScope();
		occupyTheThread();
		AsyncTaskExecutor other = new TrackedAsyncTaskExecutor(this.raw, this.tracker, Lifespans.NONE, null);
		Future<?> future = this.executor.boundTo(scope).within(() -> other.submit(() -> "bound"));
		Future<?> after = other.submit(() -> "unbound");
		assertThat(SubmissionContext.current()).isNull();
		scope.end();
		assertThat(future.isCancelled()).isTrue();
		assertThat(after.isCancelled()).isFalse();
	}

	@Test
	void refusesToBindWithinABlockWithoutABinding() {
		assertThatIllegalStateException().isThrownBy(() -> this.executor.within(() -> null))
			.withMessageContaining("forRequest()");
	}

	@Test
	void doesNotKeepTheOwnerOfWorkAlive() throws Exception {
		occupyTheThread();
		Object owner = new Object();
		WeakReference<Object> reference = new WeakReference<>(owner);
		Future<?> future = this.executor.forOwner(owner).submit(() -> "owned");
		owner = null;
		TrackedTaskSchedulerTests.awaitCollected(reference);
		assertThat(future.isCancelled()).isFalse();
	}

	@Test
	void releasesTheTaskOfCancelledWorkStillQueuedInTheExecutor() throws Exception {
		occupyTheThread();
		Object captured = new Object();
		WeakReference<Object> reference = new WeakReference<>(captured);
		this.executor.execute(capturing(captured));
		long id = this.executor.pendingTasks().get(1).id();
		assertThat(this.executor.cancelTask(id)).isTrue();
		assertThat(this.raw.getThreadPoolExecutor().getQueue()).hasSize(1);
		captured = null;
		TrackedTaskSchedulerTests.awaitCollected(reference);
	}

	@Test
	void reportsStuckWorkOncePerTask() throws Exception {
		occupyTheThread();
		this.executor.submit(() -> "queued");
		assertThat(this.tracker.reportStuck()).isZero();
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(this.tracker.reportStuck()).isEqualTo(2);
		assertThat(this.warnings.count("async")).isEqualTo(2);
		assertThat(this.warnings.recent()).extracting((warning) -> warning.message())
			.anySatisfy((message) -> assertThat(message).contains("has been running for PT2M (more than PT1M)"))
			.anySatisfy((message) -> assertThat(message).contains("has been queued for PT2M"));
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(this.tracker.reportStuck()).isZero();
		assertThat(this.warnings.count("async")).isEqualTo(2);
		assertThat(this.tracker.reportedStuckCount()).isEqualTo(2);
	}

	@Test
	void summarizesStuckWorkBeyondTenTasks() throws Exception {
		occupyTheThread();
		for (int i = 0; i < 14; i++) {
			this.executor.forOwner(this).submit(() -> "queued");
		}
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(this.tracker.reportStuck()).isEqualTo(15);
		assertThat(this.warnings.recent()).extracting((warning) -> warning.message())
			.filteredOn((message) -> message.startsWith("Async task #"))
			.hasSize(10);
		assertThat(this.warnings.recent()).extracting((warning) -> warning.message())
			.filteredOn((message) -> message.contains("more async tasks have been pending"))
			.containsExactly("5 more async tasks have been pending for more than PT1M; see the async part of "
					+ "/actuator/memory-lifecycle");
	}

	@Test
	void warnsWhenPendingWorkFromOneSitePilesUp() throws Exception {
		occupyTheThread();
		for (int i = 0; i < 4; i++) {
			this.executor.submit(() -> "queued");
		}
		assertThat(this.warnings.count("async")).isEqualTo(1);
		assertThat(this.warnings.recent().get(0).message()).startsWith("4 async tasks from "
				+ TrackedAsyncTaskExecutorTests.class.getName() + " (lambda) are pending at once");
	}

	@Test
	void capturesTheCallSiteWhenAskedTo() throws Exception {
		AsyncTracker capturing = new AsyncTracker(this.clock, this.warnings, 100, true, Duration.ofMinutes(1));
		TrackedAsyncTaskExecutor executor = new TrackedAsyncTaskExecutor(this.raw, capturing, Lifespans.NONE,
				null);
		occupyTheThread();
		executor.submit(() -> "queued");
		assertThat(executor.pendingTasks()).singleElement()
			.extracting(PendingTaskInfo::site)
			.asString()
			.startsWith(TrackedAsyncTaskExecutorTests.class.getName() + ".capturesTheCallSiteWhenAskedTo:");
	}

	private CountDownLatch occupyTheThread() throws InterruptedException {
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
		return started;
	}

	private static Runnable capturing(Object captured) {
		return captured::hashCode;
	}

}
