package io.github.memorylifecycle.work;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.WarningKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LiveSetTests {

	private final Tracker tracker = new Tracker();

	private final LiveSet<Work> set = new LiveSet<>();

	@Test
	void iteratesOverExactlyTheRecordsAddedAndNotRemoved() {
		List<Work> records = records(1000);
		records.forEach(this.set::add);
		List<Work> removed = new ArrayList<>();
		for (int i = 0; i < records.size(); i += 3) {
			assertThat(this.set.remove(records.get(i))).isTrue();
			removed.add(records.get(i));
		}
		List<Work> expected = new ArrayList<>(records);
		expected.removeAll(removed);
		assertThat(this.set).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(this.set.size()).isEqualTo(expected.size());
	}

	@Test
	void removesARecordOnlyOnce() {
		Work record = records(1).get(0);
		this.set.add(record);
		assertThat(this.set.remove(record)).isTrue();
		assertThat(this.set.remove(record)).isFalse();
		assertThat(this.set.size()).isZero();
	}

	@Test
	void reusesFreedSlotsAndShrinksStripesThatEmpty() {
		int initialCapacity = this.set.capacity();
		List<Work> first = records(5000);
		first.forEach(this.set::add);
		int grownCapacity = this.set.capacity();
		assertThat(grownCapacity).isGreaterThanOrEqualTo(5000);
		first.forEach(this.set::remove);
		assertThat(this.set).isEmpty();
		for (int round = 0; round < 100; round++) { // churn below the peak reuses the room
			List<Work> churn = records(4000);
			churn.forEach(this.set::add);
			churn.forEach(this.set::remove);
		}
		assertThat(this.set.capacity()).isEqualTo(grownCapacity);
		this.set.compact();
		assertThat(this.set.capacity()).isEqualTo(initialCapacity);
		List<Work> second = records(10);
		second.forEach(this.set::add);
		assertThat(this.set).containsExactlyInAnyOrderElementsOf(second);
		second.forEach(this.set::remove);
		assertThat(this.set.size()).isZero();
	}

	@Test
	void compactsOnlyStripesThatHoldNoRecord() {
		List<Work> first = records(5000);
		first.forEach(this.set::add);
		Work kept = first.get(4321);
		first.stream().filter((record) -> record != kept).forEach(this.set::remove);
		this.set.compact();
		assertThat(this.set).containsExactly(kept);
		assertThat(this.set.remove(kept)).isTrue();
		assertThat(this.set).isEmpty();
	}

	@Test
	void losesNoRecordWhileStripesGrowAndCompact() throws Exception {
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService threads = Executors.newFixedThreadPool(3);
		try {
			Future<?> compacting = threads.submit(() -> {
				while (!stop.get()) {
					this.set.compact();
				}
			});
			List<Future<List<Work>>> writers = new ArrayList<>();
			for (int w = 0; w < 2; w++) {
				writers.add(threads.submit(() -> {
					List<Work> kept = new ArrayList<>();
					for (int round = 0; round < 200; round++) {
						List<Work> burst = records(300); // grows the stripes, then empties them for the compactor
						burst.forEach(this.set::add);
						for (int i = 0; i < burst.size(); i++) {
							if (i % 100 == 0) {
								kept.add(burst.get(i));
							}
							else {
								assertThat(this.set.remove(burst.get(i))).isTrue();
							}
						}
					}
					return kept;
				}));
			}
			List<Work> kept = new ArrayList<>();
			for (Future<List<Work>> writer : writers) {
				kept.addAll(writer.get(60, TimeUnit.SECONDS));
			}
			stop.set(true);
			compacting.get(5, TimeUnit.SECONDS);
			assertThat(this.set).containsExactlyInAnyOrderElementsOf(kept);
			for (Work record : kept) {
				assertThat(this.set.remove(record)).isTrue();
			}
			this.set.compact();
			assertThat(this.set).isEmpty();
		}
		finally {
			stop.set(true);
			threads.shutdownNow();
		}
	}

	@Test
	void canBeIteratedWhileOtherThreadsAddAndRemove() throws Exception {
		List<Work> resident = records(100);
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
						List<Work> churn = records(50);
						churn.forEach(this.set::add);
						churn.forEach(this.set::remove);
					}
				}));
			}
			assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
			for (int i = 0; i < 200; i++) {
				List<Work> seen = new ArrayList<>();
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

	private List<Work> records(int count) {
		List<Work> records = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			records.add(new Work(this.tracker.nextId(), this.tracker.siteOf(this)));
		}
		return records;
	}

	static final class Tracker extends WorkTracker<Work> {

		Tracker() {
			super(Clock.systemUTC(), new LifecycleWarnings(1, Clock.systemUTC()), new WorkVocabulary("record",
					"live records", "", "nothing", "Nothing to do", "Nothing", "none", WarningKind.TIMERS),
					Integer.MAX_VALUE, false);
		}

	}

	static final class Work extends TrackedWork {

		Work(long id, TrackingSite site) {
			super(id, 0, site);
		}

		@Override
		protected void endOfScope() {
		}

		@Override
		protected boolean cancelNow() {
			return false;
		}

		@Override
		protected boolean isFinished() {
			return false;
		}

		@Override
		protected void released() {
		}

	}

}
