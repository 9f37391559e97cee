package io.github.memorylifecycle.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.memorylifecycle.scheduling.TimerInfo.Kind;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LiveSetTests {

	private final TimerTracker tracker = new TimerTracker(Clock.systemUTC(), new LifecycleWarnings(1, Clock.systemUTC()),
			Integer.MAX_VALUE, false);

	private final LiveSet<TrackedTimer> set = new LiveSet<>();

	@Test
	void iteratesOverExactlyTheRecordsAddedAndNotRemoved() {
		List<TrackedTimer> records = records(1000);
		records.forEach(this.set::add);
		List<TrackedTimer> removed = new ArrayList<>();
		for (int i = 0; i < records.size(); i += 3) {
			assertThat(this.set.remove(records.get(i))).isTrue();
			removed.add(records.get(i));
		}
		List<TrackedTimer> expected = new ArrayList<>(records);
		expected.removeAll(removed);
		assertThat(this.set).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(this.set.size()).isEqualTo(expected.size());
	}

	@Test
	void removesARecordOnlyOnce() {
		TrackedTimer record = records(1).get(0);
		this.set.add(record);
		assertThat(this.set.remove(record)).isTrue();
		assertThat(this.set.remove(record)).isFalse();
		assertThat(this.set.size()).isZero();
	}

	@Test
	void reusesFreedSlotsAndShrinksStripesThatEmpty() {
		List<TrackedTimer> first = records(5000);
		first.forEach(this.set::add);
		first.forEach(this.set::remove);
		assertThat(this.set).isEmpty();
		List<TrackedTimer> second = records(10);
		second.forEach(this.set::add);
		assertThat(this.set).containsExactlyInAnyOrderElementsOf(second);
		second.forEach(this.set::remove);
		assertThat(this.set.size()).isZero();
	}

	@Test
	void canBeIteratedWhileOtherThreadsAddAndRemove() throws Exception {
		List<TrackedTimer> resident = records(100);
		resident.forEach(this.set::add);
		AtomicBoolean stop = new AtomicBoolean();
		CountDownLatch started = new CountDownLatch(2);
		ExecutorService writers = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int w = 0; w < 2; w++) {
				futures.add(writers.submit(() -> {
					started.countDown();
					while (!stop.get()) {
						List<TrackedTimer> churn = records(50);
						churn.forEach(this.set::add);
						churn.forEach(this.set::remove);
					}
				}));
			}
			assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
			for (int i = 0; i < 200; i++) {
				List<TrackedTimer> seen = new ArrayList<>();
				this.set.forEach(seen::add);
				assertThat(seen).containsAll(resident).doesNotContainNull();
			}
			stop.set(true);
			for (Future<?> future : futures) {
				future.get(5, TimeUnit.SECONDS);
			}
		}
		finally {
			writers.shutdownNow();
		}
		assertThat(this.set).containsExactlyInAnyOrderElementsOf(resident);
	}

	private List<TrackedTimer> records(int count) {
		List<TrackedTimer> records = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			records.add(new TrackedTimer(this.tracker.nextId(), 0, this.tracker.siteOf(this), () -> {
			}, Kind.ONCE, Instant.EPOCH));
		}
		return records;
	}

}
