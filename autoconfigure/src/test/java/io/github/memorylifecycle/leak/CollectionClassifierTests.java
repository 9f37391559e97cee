package io.github.memorylifecycle.leak;

import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.memorylifecycle.leak.CollectionClassifier.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CollectionClassifierTests {

	private final CollectionClassifier classifier = new CollectionClassifier(false, false, null);

	@Test
	void stopTheWorldFullCollectionsCoverWhatWasUnreachableAtTheirStart() {
		for (String collector : new String[] { "MarkSweepCompact", "PS MarkSweep", "G1 Old Generation" }) {
			Verdict verdict = this.classifier.classify(new GcEvent(collector, "end of major GC", "System.gc()", 100,
					140, pools("Eden Space", 0, "Tenured Gen", 300, "PS Old Gen", 0, "G1 Old Gen", 0)));
			assertThat(verdict.old()).as(collector).isTrue();
			assertThat(verdict.coversBeforeMillis()).as(collector).isEqualTo(100);
			assertThat(verdict.floorBytes()).as(collector).isEqualTo(300);
		}
	}

	@Test
	void youngCollectionsAndPausePhasesCoverNothing() {
		assertYoung(this.classifier, "Copy", "end of minor GC", "Allocation Failure");
		assertYoung(this.classifier, "PS Scavenge", "end of minor GC", "Allocation Failure");
		assertYoung(this.classifier, "ZGC Minor Cycles", "end of GC cycle", "Allocation Rate");
		assertYoung(this.classifier, "ZGC Pauses", "end of GC pause", "Warmup");
		assertYoung(this.classifier, "ZGC Major Pauses", "end of GC pause", "System.gc()");
		assertYoung(this.classifier, "Shenandoah Pauses", "Init Mark", "Concurrent GC");
		assertYoung(this.classifier, "Shenandoah Pauses", "Degenerated GC", "Allocation Failure");
		assertYoung(this.classifier, "Some Future Collector", "end of GC cycle", "Whatever");
	}

	@Test
	void concurrentWholeHeapCyclesCoverFromTheirStart() {
		Verdict zgc = this.classifier.classify(
				new GcEvent("ZGC Cycles", "end of GC cycle", "Warmup", 200, 371, pools("ZHeap", 144)));
		Verdict generationalZgc = this.classifier.classify(new GcEvent("ZGC Major Cycles", "end of GC cycle",
				"Allocation Rate", 2917, 3058, pools("ZGC Young Generation", 106, "ZGC Old Generation", 124)));
		Verdict shenandoah = this.classifier.classify(new GcEvent("Shenandoah Cycles", "end of GC cycle",
				"Concurrent GC", 553, 893, pools("Shenandoah", 97)));
		assertThat(zgc).isEqualTo(new Verdict(200, 144));
		assertThat(generationalZgc).isEqualTo(new Verdict(2917, 124));
		assertThat(shenandoah).isEqualTo(new Verdict(553, 97));
	}

	@Test
	void generationalShenandoahCoversOnlyWithGlobalCyclesAndFullCollections() {
		CollectionClassifier generational = new CollectionClassifier(false, true, null);
		Map<String, MemoryUsage> pools = pools("Shenandoah Young Gen", 130, "Shenandoah Old Gen", 115);
		assertThat(generational
			.classify(new GcEvent("Shenandoah Cycles", "end of GC cycle", "Concurrent GC", 10, 20, pools))
			.old()).isFalse();
		assertThat(generational
			.classify(new GcEvent("Shenandoah Cycles", "end of GC cycle", "System.gc()", 30, 40, pools)))
			.isEqualTo(new Verdict(30, 115));
		assertThat(generational.classify(new GcEvent("Shenandoah Pauses", "Full GC", "Allocation Failure", 50, 60,
				Map.of()))).isEqualTo(new Verdict(50, -1));
	}

	@Test
	void g1ConcurrentCyclesCoverFromTheEvidenceTwoStepsBack() {
		CollectionClassifier g1 = new CollectionClassifier(true, false, () -> usage(0));
		// Remark and Cleanup of two cycles: a marking never starts before the previous cycle is over
		assertThat(g1.classify(concurrentPause(100)).old()).isFalse();
		assertThat(g1.classify(concurrentPause(200)).old()).isFalse();
		assertThat(g1.classify(concurrentPause(300)).coversBeforeMillis()).isEqualTo(100);
		assertThat(g1.classify(concurrentPause(400)).coversBeforeMillis()).isEqualTo(200);
	}

	@Test
	void g1MixedPhasesCoverFromThePhaseStartTwoPhasesBackWhenThereAreNoConcurrentNotifications() {
		AtomicReference<MemoryUsage> collectionUsage = new AtomicReference<>(usage(50));
		CollectionClassifier g1 = new CollectionClassifier(false, false, collectionUsage::get);
		assertThat(g1.classify(g1Young(10, 100)).old()).isFalse(); // young: collection usage unchanged
		assertThat(mixed(g1, collectionUsage, 20, 90).old()).isFalse(); // phase 1 starts, nothing two back
		assertThat(mixed(g1, collectionUsage, 30, 80)).isEqualTo(CollectionClassifier.YOUNG); // same phase
		assertThat(g1.classify(g1Young(40, 120))).isEqualTo(CollectionClassifier.YOUNG);
		assertThat(mixed(g1, collectionUsage, 50, 110).old()).isFalse(); // phase 2, one phase back only
		assertThat(g1.classify(g1Young(60, 150))).isEqualTo(CollectionClassifier.YOUNG);
		assertThat(mixed(g1, collectionUsage, 70, 130).coversBeforeMillis()).isEqualTo(20); // phase 3
	}

	@Test
	void g1YoungCollectionMatchingAnUnchangedCollectionUsageIsNotMixed() {
		AtomicReference<MemoryUsage> collectionUsage = new AtomicReference<>(usage(50));
		CollectionClassifier g1 = new CollectionClassifier(false, false, collectionUsage::get);
		mixed(g1, collectionUsage, 10, 90);
		g1.classify(g1Young(20, 120));
		g1.classify(g1Young(30, 90)); // old usage back to the last mixed value (a humongous object reclaimed)
		g1.classify(g1Young(40, 130));
		// had the collection at 30 been taken for a phase, this third phase would cover from 10
		assertThat(mixed(g1, collectionUsage, 50, 80).coversBeforeMillis()).isEqualTo(-1);
	}

	@Test
	void g1FloorIsTheLowestOldUsageOverTheLastTwoEvidenceIntervals() {
		CollectionClassifier g1 = new CollectionClassifier(true, false, () -> usage(0));
		g1.classify(g1Young(10, 300));
		g1.classify(g1Young(20, 250)); // end of a mixed phase
		g1.classify(g1Young(30, 280));
		assertThat(g1.classify(concurrentPause(40)).floorBytes()).isEqualTo(250);
		g1.classify(g1Young(50, 320));
		assertThat(g1.classify(concurrentPause(60)).floorBytes()).isEqualTo(250);
		g1.classify(g1Young(70, 400));
		assertThat(g1.classify(concurrentPause(80)).floorBytes()).isEqualTo(320);
		assertThat(g1.classify(concurrentPause(90)).floorBytes()).isEqualTo(400);
		assertThat(g1.classify(concurrentPause(100)).floorBytes()).isEqualTo(-1);
	}

	@Test
	void longLivedPoolsAreOldGenerationsAndTheWholeHeapOfSingleGenerationCollectors() {
		assertThat(new String[] { "Tenured Gen", "PS Old Gen", "G1 Old Gen", "ZHeap", "ZGC Old Generation",
				"Shenandoah", "Shenandoah Old Gen" })
			.allMatch(CollectionClassifier::isLongLived);
		assertThat(new String[] { "Eden Space", "PS Survivor Space", "G1 Eden Space", "ZGC Young Generation",
				"Shenandoah Young Gen", "Metaspace" })
			.noneMatch(CollectionClassifier::isLongLived);
	}

	private static Verdict mixed(CollectionClassifier g1, AtomicReference<MemoryUsage> collectionUsage, long end,
			long oldAfter) {
		collectionUsage.set(usage(oldAfter));
		return g1.classify(g1Young(end, oldAfter));
	}

	private static void assertYoung(CollectionClassifier classifier, String collector, String action, String cause) {
		Verdict verdict = classifier.classify(new GcEvent(collector, action, cause, 1, 2, pools("Tenured Gen", 5)));
		assertThat(verdict).as(collector + " / " + action).isEqualTo(CollectionClassifier.YOUNG);
	}

	private static GcEvent g1Young(long end, long oldAfter) {
		return new GcEvent("G1 Young Generation", "end of minor GC", "G1 Evacuation Pause", end - 1, end,
				pools("G1 Eden Space", 0, "G1 Old Gen", oldAfter));
	}

	private static GcEvent concurrentPause(long end) {
		return new GcEvent("G1 Concurrent GC", "end of concurrent GC pause", "No GC", end - 1, end,
				pools("G1 Old Gen", 999));
	}

	private static Map<String, MemoryUsage> pools(Object... namesAndUsed) {
		Map<String, MemoryUsage> pools = new LinkedHashMap<>();
		for (int i = 0; i < namesAndUsed.length; i += 2) {
			pools.put((String) namesAndUsed[i], usage(((Number) namesAndUsed[i + 1]).longValue()));
		}
		return pools;
	}

	private static MemoryUsage usage(long used) {
		return new MemoryUsage(0, used, used + 1000, 10_000);
	}

}
