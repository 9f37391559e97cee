package io.github.memorylifecycle.leak;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GcNotificationListenerTests {

	@Test
	void explicitCollectionIsAnOldCollectionThatCoversWhatBecameUnreachableBefore() {
		List<GcOutcome> outcomes = new CopyOnWriteArrayList<>();
		try (GcNotificationListener listener = new GcNotificationListener(CollectionClassifier.forThisJvm(),
				List.of(outcomes::add))
			.start()) {
			long before = System.nanoTime();
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				System.gc();
				return outcomes.stream().anyMatch((outcome) -> outcome.old() && outcome.coversBeforeNanos() > before);
			});
			assertThat(outcomes).filteredOn(GcOutcome::old)
				.allSatisfy((outcome) -> assertThat(outcome.coversBeforeNanos()).isLessThan(System.nanoTime()));
			assertThat(outcomes).anySatisfy((outcome) -> assertThat(outcome.floorBytes()).isPositive());
		}
	}

	@Test
	void closeRemovesTheNotificationListeners() {
		List<GcOutcome> closedOutcomes = new CopyOnWriteArrayList<>();
		List<GcOutcome> openOutcomes = new CopyOnWriteArrayList<>();
		new GcNotificationListener(CollectionClassifier.forThisJvm(), List.of(closedOutcomes::add)).start().close();
		try (GcNotificationListener open = new GcNotificationListener(CollectionClassifier.forThisJvm(),
				List.of(openOutcomes::add))
			.start()) {
			collectUntilSeen(openOutcomes, 1); // notifications in flight at close are delivered by now
			int afterClose = closedOutcomes.size();
			collectUntilSeen(openOutcomes, openOutcomes.size() + 2);
			assertThat(closedOutcomes).hasSize(afterClose);
		}
	}

	@Test
	void gcTimesInUptimeAreTurnedIntoNanoTimeLessASafetyMargin() {
		try (GcNotificationListener listener = new GcNotificationListener(CollectionClassifier.forThisJvm(),
				List.of())) {
			long now = System.nanoTime();
			long converted = listener.toNanos(ManagementFactory.getRuntimeMXBean().getUptime());
			long expected = now - GcNotificationListener.MARGIN_NANOS;
			// both uptime readings are truncated to the millisecond, and on a busy machine a thread can be descheduled
			// between the clock reads of the constructor or of this test: allow for that, not for a wrong unit
			assertThat(converted).isBetween(expected - 250_000_000, expected + 250_000_000);
		}
	}

	private static void collectUntilSeen(List<GcOutcome> outcomes, int count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			System.gc();
			return outcomes.stream().filter(GcOutcome::old).count() >= count;
		});
	}

}
