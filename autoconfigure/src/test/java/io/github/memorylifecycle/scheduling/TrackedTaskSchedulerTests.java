package io.github.memorylifecycle.scheduling;

import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.memorylifecycle.scheduling.TimerInfo.Kind;
import io.github.memorylifecycle.scheduling.TimerInfo.Outcome;
import io.github.memorylifecycle.scope.Lifespans;
import io.github.memorylifecycle.testsupport.TestScope;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TrackedTaskSchedulerTests {

	private static final Duration SHORT = Duration.ofMillis(10);

	private static final Duration LONG = Duration.ofHours(1);

	private final ThreadPoolTaskScheduler raw = TaskSchedulerContractTests.newRawScheduler();

	private final LifecycleWarnings warnings = new LifecycleWarnings(10, Clock.systemUTC());

	private TrackedTaskScheduler scheduler = tracked(100, false);

	@AfterEach
	void shutDown() {
		this.raw.shutdown();
	}

	@Test
	void listsAOneShotTimerUntilItHasRun() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		ScheduledFuture<?> future = this.scheduler.schedule(() -> awaitQuietly(release), Instant.now());
		assertThat(this.scheduler.liveTimers()).singleElement().satisfies((timer) -> {
			assertThat(timer.kind()).isEqualTo(Kind.ONCE);
			assertThat(timer.description()).isEqualTo(TrackedTaskSchedulerTests.class.getName() + " (lambda)");
			assertThat(timer.scope()).isNull();
			assertThat(timer.owner()).isNull();
			assertThat(timer.site()).isNull();
		});
		release.countDown();
		future.get(5, TimeUnit.SECONDS);
		assertThat(this.scheduler.liveTimers()).isEmpty();
	}

	@Test
	void describesARepeatingTimerWithItsPeriodRunsAndNextExecution() {
		Instant before = Instant.now().minusMillis(1);
		CountDownLatch runs = new CountDownLatch(3);
		ScheduledFuture<?> future = this.scheduler.scheduleAtFixedRate(runs::countDown, SHORT);
		await().until(() -> runs.getCount() == 0);
		TimerInfo timer = this.scheduler.liveTimers().get(0);
		assertThat(timer.kind()).isEqualTo(Kind.FIXED_RATE);
		assertThat(timer.schedule()).isEqualTo("PT0.01S");
		assertThat(timer.createdAt()).isAfter(before).isBeforeOrEqualTo(Instant.now());
		assertThat(timer.nextExecution()).isNotNull();
		assertThat(timer.executions()).isGreaterThanOrEqualTo(3);
		assertThat(timer.lastOutcome()).isEqualTo(Outcome.SUCCESS);
		future.cancel(false);
	}

	@Test
	void describesACronTimerByItsExpression() {
		this.scheduler.schedule(() -> {
		}, new CronTrigger("0 0 3 * * *"));
		TimerInfo timer = this.scheduler.liveTimers().get(0);
		assertThat(timer.kind()).isEqualTo(Kind.TRIGGER);
		assertThat(timer.schedule()).isEqualTo("cron 0 0 3 * * *");
		assertThat(timer.executions()).isZero();
		assertThat(timer.lastOutcome()).isNull();
	}

	@Test
	void forgetsATimerCancelledThroughItsFuture() {
		ScheduledFuture<?> future = this.scheduler.scheduleWithFixedDelay(() -> {
		}, LONG);
		assertThat(this.scheduler.liveTimers()).hasSize(1);
		future.cancel(false);
		assertThat(this.scheduler.liveTimers()).isEmpty();
	}

	@Test
	void forgetsATriggerTimerOnceTheTriggerHasNoNextExecution() {
		ScheduledFuture<?> future = this.scheduler.schedule(() -> {
		}, TaskSchedulerContractTests.times(2));
		assertThat(this.scheduler.liveTimers()).hasSize(1);
		await().until(future::isDone);
		assertThat(this.scheduler.liveTimers()).isEmpty();
	}

	@Test
	void recordsTheFailureOfARepeatingTimerAndKeepsItLive() {
		CountDownLatch runs = new CountDownLatch(2);
		ScheduledFuture<?> future = this.scheduler.scheduleWithFixedDelay(() -> {
			runs.countDown();
			throw new IllegalStateException("database unreachable");
		}, SHORT);
		await().until(() -> runs.getCount() == 0 && this.scheduler.tracker().failures() >= 2);
		assertThat(this.scheduler.liveTimers()).singleElement()
			.extracting(TimerInfo::lastOutcome)
			.isEqualTo(new Outcome(false, IllegalStateException.class.getName(), "database unreachable"));
		future.cancel(false);
	}

	@Test
	void forgetsAOneShotTimerThatFailedAndCountsTheFailure() {
		ScheduledFuture<?> future = this.scheduler.schedule(() -> {
			throw new IllegalStateException("boom");
		}, Instant.now());
		await().until(future::isDone);
		assertThat(this.scheduler.liveTimers()).isEmpty();
		assertThat(this.scheduler.tracker().failures()).isEqualTo(1);
	}

	@Test
	void cancelsOneTimerById() {
		ScheduledFuture<?> kept = this.scheduler.schedule(() -> {
		}, Instant.now().plus(LONG));
		ScheduledFuture<?> cancelled = this.scheduler.schedule(() -> {
		}, Instant.now().plus(LONG));
		long id = this.scheduler.liveTimers().get(1).id();
		assertThat(this.scheduler.cancelTimer(id)).isTrue();
		assertThat(this.scheduler.cancelTimer(id)).isFalse();
		assertThat(cancelled.isCancelled()).isTrue();
		assertThat(kept.isCancelled()).isFalse();
		assertThat(this.scheduler.liveTimers()).hasSize(1);
	}

	@Test
	void cancelsTheTimersOfAnOwnerOnly() {
		Object owner = new Object();
		TaskScheduler owned = this.scheduler.forOwner(owner);
		ScheduledFuture<?> first = owned.scheduleAtFixedRate(() -> {
		}, LONG);
		ScheduledFuture<?> second = owned.schedule(() -> {
		}, Instant.now().plus(LONG));
		ScheduledFuture<?> other = this.scheduler.forOwner(new Object()).scheduleAtFixedRate(() -> {
		}, LONG);
		assertThat(this.scheduler.liveTimers()).filteredOn((timer) -> "owner".equals(timer.scope()))
			.extracting(TimerInfo::owner)
			.containsOnly(Object.class.getName());
		assertThat(this.scheduler.cancel(owner)).isEqualTo(2);
		assertThat(first.isCancelled()).isTrue();
		assertThat(second.isCancelled()).isTrue();
		assertThat(other.isCancelled()).isFalse();
		assertThat(this.scheduler.liveTimers()).hasSize(1);
	}

	@Test
	void cancelsTimersBoundToAScopeWhenItEnds() {
		TestScope scope = new TestScope();
		ScheduledFuture<?> bound = this.scheduler.boundTo(scope).scheduleAtFixedRate(() -> {
		}, SHORT);
		ScheduledFuture<?> unbound = this.scheduler.scheduleAtFixedRate(() -> {
		}, LONG);
		assertThat(scope.descriptions()).containsExactly("timer " + TrackedTaskSchedulerTests.class.getName() + " (lambda)");
		assertThat(this.scheduler.liveTimers()).extracting(TimerInfo::scope).containsExactly("test", null);
		scope.end();
		assertThat(bound.isCancelled()).isTrue();
		assertThat(unbound.isCancelled()).isFalse();
		assertThat(this.scheduler.liveTimers()).hasSize(1);
		unbound.cancel(false);
	}

	@Test
	void leavesNoDeadEntryInTheScopeOfATimerThatEndedFirst() throws Exception {
		TestScope scope = new TestScope();
		ScheduledFuture<?> once = this.scheduler.boundTo(scope).schedule(() -> {
		}, Instant.now());
		ScheduledFuture<?> repeating = this.scheduler.boundTo(scope).scheduleAtFixedRate(() -> {
		}, LONG);
		once.get(5, TimeUnit.SECONDS);
		repeating.cancel(false);
		assertThat(scope.pending()).isZero();
	}

	@Test
	void cancelsAtOnceATimerBoundToAScopeThatHasEnded() {
		TestScope scope = new TestScope();
		scope.end();
		ScheduledFuture<?> future = this.scheduler.boundTo(scope).scheduleAtFixedRate(() -> {
		}, SHORT);
		assertThat(future.isCancelled()).isTrue();
		assertThat(this.scheduler.liveTimers()).isEmpty();
	}

	@Test
	void doesNotKeepTheOwnerOfATimerAlive() {
		Object owner = new Object();
		WeakReference<Object> reference = new WeakReference<>(owner);
		ScheduledFuture<?> future = this.scheduler.forOwner(owner).scheduleAtFixedRate(() -> {
		}, LONG);
		owner = null;
		awaitCollected(reference);
		future.cancel(false);
	}

	@Test
	void releasesTheTaskOfACancelledTimerStillQueuedInTheScheduler() {
		Object captured = new Object();
		WeakReference<Object> reference = new WeakReference<>(captured);
		ScheduledFuture<?> future = this.scheduler.schedule(capturing(captured), Instant.now().plus(LONG));
		future.cancel(false);
		assertThat(this.raw.getScheduledThreadPoolExecutor().getQueue()).hasSize(1);
		captured = null;
		awaitCollected(reference);
		assertThat(future.isCancelled()).isTrue();
	}

	@Test
	void tracksATimerOnceWhenTrackedSchedulersAreNested() {
		TrackedTaskScheduler outer = new TrackedTaskScheduler(this.scheduler, this.scheduler.tracker(),
				Lifespans.NONE, null);
		ScheduledFuture<?> future = outer.scheduleAtFixedRate(() -> {
		}, LONG);
		assertThat(this.scheduler.liveTimers()).hasSize(1);
		future.cancel(false);
		assertThat(this.scheduler.liveTimers()).isEmpty();
	}

	@Test
	void warnsWhenTimersFromOneSitePileUpAndAgainWhenTheyDouble() {
		this.scheduler = tracked(3, false);
		List<ScheduledFuture<?>> futures = new ArrayList<>();
		scheduleLater(futures, 3);
		assertThat(this.warnings.count("timers")).isZero();
		scheduleLater(futures, 1);
		assertThat(this.warnings.count("timers")).isEqualTo(1);
		assertThat(this.warnings.recent().get(0).message())
			.startsWith("4 live timers scheduled from " + TrackedTaskSchedulerTests.class.getName() + " (lambda)")
			.contains("memory.lifecycle.scheduling.site-threshold (now 3)");
		scheduleLater(futures, 3);
		assertThat(this.warnings.count("timers")).isEqualTo(1);
		scheduleLater(futures, 1);
		assertThat(this.warnings.count("timers")).isEqualTo(2);
		futures.forEach((future) -> future.cancel(false));
	}

	@Test
	void keepsTimersFromDifferentSitesApart() {
		this.scheduler = tracked(1, false);
		ScheduledFuture<?> first = this.scheduler.schedule(this::doNothing, Instant.now().plus(LONG));
		ScheduledFuture<?> second = this.scheduler.schedule(this::doNothing, Instant.now().plus(LONG));
		assertThat(this.warnings.count("timers")).isZero();
		first.cancel(false);
		second.cancel(false);
	}

	private void scheduleLater(List<ScheduledFuture<?>> futures, int count) {
		for (int i = 0; i < count; i++) {
			futures.add(this.scheduler.schedule(this::doNothing, Instant.now().plus(LONG)));
		}
	}

	@Test
	void capturesTheCallSiteWhenAskedTo() {
		this.scheduler = tracked(100, true);
		this.scheduler.schedule(this::doNothing, Instant.now().plus(LONG));
		assertThat(this.scheduler.liveTimers()).singleElement()
			.extracting(TimerInfo::site)
			.asString()
			.startsWith(TrackedTaskSchedulerTests.class.getName() + ".capturesTheCallSiteWhenAskedTo:");
	}

	@Test
	void cancelsEveryTimerWhenClosed() {
		ScheduledFuture<?> once = this.scheduler.schedule(this::doNothing, Instant.now().plus(LONG));
		ScheduledFuture<?> repeating = this.scheduler.forOwner(this).scheduleAtFixedRate(this::doNothing, SHORT);
		this.scheduler.tracker().close();
		assertThat(once.isCancelled()).isTrue();
		assertThat(repeating.isCancelled()).isTrue();
		assertThat(this.scheduler.liveTimers()).isEmpty();
	}

	@Test
	void listsTheOldestTimersFirstUpToTheLimit() {
		List<ScheduledFuture<?>> futures = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			futures.add(this.scheduler.schedule(this::doNothing, Instant.now().plus(LONG)));
		}
		List<Long> ids = this.scheduler.liveTimers().stream().map(TimerInfo::id).toList();
		assertThat(this.scheduler.tracker().liveTimers(3)).extracting(TimerInfo::id)
			.containsExactlyElementsOf(ids.subList(0, 3));
		futures.forEach((future) -> future.cancel(false));
	}

	private TrackedTaskScheduler tracked(int siteThreshold, boolean captureSites) {
		return new TrackedTaskScheduler(this.raw,
				new TimerTracker(Clock.systemUTC(), this.warnings, siteThreshold, captureSites), Lifespans.NONE,
				null);
	}

	private void doNothing() {
	}

	private static Runnable capturing(Object captured) {
		return captured::hashCode;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void awaitCollected(WeakReference<?> reference) {
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			System.gc();
			return reference.get() == null;
		});
	}

}
