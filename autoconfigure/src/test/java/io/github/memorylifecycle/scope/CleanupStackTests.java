package io.github.memorylifecycle.scope;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@ExtendWith(OutputCaptureExtension.class)
class CleanupStackTests {

	private final CleanupStatistics statistics = new CleanupStatistics("test");

	private final CleanupStack stack = new CleanupStack(this.statistics);

	private final List<String> ran = new CopyOnWriteArrayList<>();

	@Test
	void runsCleanupsInReverseOrderOfRegistrationWhenTheScopeEnds() {
		this.stack.register("first", () -> this.ran.add("first"));
		this.stack.register("second", () -> this.ran.add("second"));
		this.stack.register(() -> this.ran.add("third"));
		assertThat(this.stack.pending()).isEqualTo(3);
		assertThat(this.statistics.pendingCleanups()).isEqualTo(3);
		assertThat(this.stack.close()).isEqualTo(3);
		assertThat(this.ran).containsExactly("third", "second", "first");
		assertThat(this.stack.pending()).isZero();
		assertThat(this.statistics.pendingCleanups()).isZero();
		assertThat(this.statistics.cleanupsSucceeded()).isEqualTo(3);
	}

	@Test
	void aScopeCreatedWithItsFirstCleanupCountsItAndRunsItLast() {
		CleanupStack created = new CleanupStack(this.statistics, "first", () -> this.ran.add("first"));
		Registration first = created.firstRegistration();
		Registration second = created.register("second", () -> this.ran.add("second"));
		assertThat(first.isPending()).isTrue();
		assertThat(created.pending()).isEqualTo(2);
		assertThat(this.statistics.pendingCleanups()).isEqualTo(2);
		assertThat(this.statistics.activeScopes()).isEqualTo(2); // this one and the field's
		assertThat(created.close()).isEqualTo(2);
		assertThat(this.ran).containsExactly("second", "first");
		assertThat(first.isPending()).isFalse();
		assertThat(second.isPending()).isFalse();
		assertThat(first.run()).isFalse();
		assertThat(this.statistics.pendingCleanups()).isZero();
		assertThat(this.statistics.activeScopes()).isEqualTo(1);
	}

	@Test
	void sharedPendingCountOfAScopePublishingInStepsLagsByLessThanAStepAndIsExactOnceItEnds() {
		CleanupStatistics stepStatistics = new CleanupStatistics("stepped", 4);
		CleanupStack stepped = new CleanupStack(stepStatistics, "c0", () -> this.ran.add("c0"));
		List<Registration> registrations = new ArrayList<>();
		registrations.add(stepped.firstRegistration());
		for (int i = 1; i < 10; i++) {
			String name = "c" + i;
			registrations.add(stepped.register(name, () -> this.ran.add(name)));
			assertThat(stepped.pending()).isEqualTo(i + 1);
			assertThat(stepStatistics.pendingCleanups()).isBetween(i + 1 - 3L, i + 1L);
		}
		assertThat(stepStatistics.pendingCleanups()).isEqualTo(9); // 1 at creation, then 4 and 4
		registrations.get(9).cancel();
		registrations.get(8).run();
		assertThat(stepped.pending()).isEqualTo(8);
		assertThat(stepStatistics.pendingCleanups()).isEqualTo(8); // never more than the scope holds
		assertThat(stepStatistics.activeScopes()).isEqualTo(1);
		assertThat(stepped.close()).isEqualTo(8);
		assertThat(this.ran).containsExactly("c8", "c7", "c6", "c5", "c4", "c3", "c2", "c1", "c0");
		assertThat(stepStatistics.pendingCleanups()).isZero();
		assertThat(stepStatistics.activeScopes()).isZero();
		assertThat(stepStatistics.cleanupsSucceeded()).isEqualTo(9);
	}

	@Test
	void endingTheScopeTwiceRunsNothingTheSecondTime() {
		this.stack.register("once", () -> this.ran.add("once"));
		assertThat(this.stack.close()).isEqualTo(1);
		assertThat(this.stack.close()).isZero();
		assertThat(this.ran).containsExactly("once");
		assertThat(this.statistics.activeScopes()).isZero();
	}

	@Test
	void aThrowingCleanupNeverStopsTheOthersAndIsLoggedAndCounted(CapturedOutput output) {
		this.stack.register("last", () -> this.ran.add("last"));
		this.stack.register("checked failure", () -> {
			throw new IOException("disk gone");
		});
		this.stack.register("unchecked failure", () -> {
			throw new IllegalStateException("boom");
		});
		this.stack.register("first", () -> this.ran.add("first"));
		assertThat(this.stack.close()).isEqualTo(4);
		assertThat(this.ran).containsExactly("first", "last");
		assertThat(this.statistics.cleanupsFailed()).isEqualTo(2);
		assertThat(this.statistics.cleanupsSucceeded()).isEqualTo(2);
		assertThat(output).containsOnlyOnce("Cleanup 'checked failure' of the test scope failed")
			.containsOnlyOnce("Cleanup 'unchecked failure' of the test scope failed")
			.contains("disk gone");
	}

	@Test
	void aCleanupRegisteredAfterTheScopeEndedRunsAtOnce() {
		this.stack.close();
		Registration registration = this.stack.register("late", () -> this.ran.add("late"));
		assertThat(this.ran).containsExactly("late");
		assertThat(registration.isPending()).isFalse();
		assertThat(registration.run()).isFalse();
		assertThat(this.ran).containsExactly("late");
	}

	@Test
	void cancelForgetsTheCleanupWithoutRunningIt() {
		Registration registration = this.stack.register("cancelled", () -> this.ran.add("cancelled"));
		this.stack.register("kept", () -> this.ran.add("kept"));
		assertThat(registration.cancel()).isTrue();
		assertThat(registration.cancel()).isFalse();
		assertThat(this.stack.pending()).isEqualTo(1);
		this.stack.close();
		assertThat(this.ran).containsExactly("kept");
	}

	@Test
	void runningEarlyRunsExactlyOnceAndNotAgainAtScopeEnd() {
		Registration early = this.stack.register("early", () -> this.ran.add("early"));
		assertThat(early.run()).isTrue();
		assertThat(early.run()).isFalse();
		assertThat(early.cancel()).isFalse();
		assertThat(this.stack.pending()).isZero();
		this.stack.close();
		assertThat(this.ran).containsExactly("early");
	}

	@Test
	void cancellingAnyEntryKeepsTheOthersInOrder() {
		List<Registration> registrations = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String name = "c" + i;
			registrations.add(this.stack.register(name, () -> this.ran.add(name)));
		}
		registrations.get(0).cancel();
		registrations.get(2).cancel();
		registrations.get(4).cancel();
		this.stack.close();
		assertThat(this.ran).containsExactly("c3", "c1");
	}

	@Test
	void rejectsANullCleanup() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.stack.register("nothing", null))
			.withMessage("cleanup must not be null");
	}

	@Test
	void registrationRacingWithScopeEndLosesNothingAndRunsNothingTwice() throws Exception {
		int threads = 4;
		int perThread = 2_000;
		int rounds = 50;
		ExecutorService executor = Executors.newFixedThreadPool(threads + 1);
		try {
			for (int round = 0; round < rounds; round++) {
				// exact and stepped pending counts alternate
				CleanupStatistics roundStatistics = new CleanupStatistics("race", (round % 2 == 0) ? 1 : 8);
				CleanupStack racing = new CleanupStack(roundStatistics);
				AtomicIntegerArray runs = new AtomicIntegerArray(threads * perThread);
				CyclicBarrier start = new CyclicBarrier(threads + 1);
				List<Future<?>> futures = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					int base = t * perThread;
					futures.add(executor.submit(() -> {
						start.await();
						for (int i = 0; i < perThread; i++) {
							int slot = base + i;
							Registration registration = racing.register(() -> runs.incrementAndGet(slot));
							if (i % 7 == 0) {
								registration.run(); // early runs race with the end too
							}
						}
						return null;
					}));
				}
				futures.add(executor.submit(() -> {
					start.await();
					racing.close();
					return null;
				}));
				for (Future<?> future : futures) {
					future.get(30, TimeUnit.SECONDS);
				}
				for (int slot = 0; slot < runs.length(); slot++) {
					assertThat(runs.get(slot)).as("runs of cleanup %d in round %d", slot, round).isEqualTo(1);
				}
				assertThat(roundStatistics.cleanupsRun()).isEqualTo(threads * perThread);
				assertThat(roundStatistics.pendingCleanups()).isZero();
				assertThat(roundStatistics.activeScopes()).isZero();
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void cancelRacingWithScopeEndEitherCancelsOrRunsNeverBoth() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 500; round++) {
				CleanupStack racing = new CleanupStack(new CleanupStatistics("race"));
				List<Registration> registrations = new ArrayList<>();
				AtomicIntegerArray runs = new AtomicIntegerArray(100);
				for (int i = 0; i < 100; i++) {
					int slot = i;
					registrations.add(racing.register(() -> runs.incrementAndGet(slot)));
				}
				CountDownLatch go = new CountDownLatch(1);
				Future<boolean[]> cancels = executor.submit(() -> {
					go.await();
					boolean[] cancelled = new boolean[100];
					for (int i = 0; i < 100; i++) {
						cancelled[i] = registrations.get(i).cancel();
					}
					return cancelled;
				});
				Future<?> close = executor.submit(() -> {
					go.await();
					return racing.close();
				});
				go.countDown();
				boolean[] cancelled = cancels.get(30, TimeUnit.SECONDS);
				close.get(30, TimeUnit.SECONDS);
				for (int i = 0; i < 100; i++) {
					assertThat(runs.get(i) + (cancelled[i] ? 1 : 0)).as("cleanup %d", i).isEqualTo(1);
				}
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aRegistrationKeptAfterTheScopeEndedHoldsNoOtherEntry() {
		CleanupStack stack = new CleanupStack(new CleanupStatistics("test", 8), "first", () -> {
		});
		CleanupEntry first = (CleanupEntry) stack.firstRegistration();
		CleanupEntry middle = (CleanupEntry) stack.register("middle", () -> {
		});
		stack.register("last", () -> {
		});
		stack.close();
		assertThat(first.prev).isNull();
		assertThat(first.next).isNull();
		assertThat(middle.prev).isNull();
		assertThat(middle.next).isNull();
	}

}
