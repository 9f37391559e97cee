package io.github.memorylifecycle.memory;

import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class JvmMemoryReadingsTests {

	private final Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

	private final JvmMemoryReadings readings = new JvmMemoryReadings(this.clock);

	@Test
	void longLivedPoolsAreTheHeapPoolsThatAreNotYoung() {
		assertThat(JvmMemoryReadings.isLongLived(MemoryType.HEAP, "G1 Old Gen")).isTrue();
		assertThat(JvmMemoryReadings.isLongLived(MemoryType.HEAP, "PS Old Gen")).isTrue();
		assertThat(JvmMemoryReadings.isLongLived(MemoryType.HEAP, "Tenured Gen")).isTrue();
		assertThat(JvmMemoryReadings.isLongLived(MemoryType.HEAP, "ZGC Old Generation")).isTrue();
		assertThat(JvmMemoryReadings.isLongLived(MemoryType.HEAP, "ZHeap")).isTrue();
		assertThat(JvmMemoryReadings.isLongLived(MemoryType.HEAP, "Shenandoah")).isTrue();
		assertThat(JvmMemoryReadings.isLongLived(MemoryType.HEAP, "Shenandoah Old Gen")).isTrue();
		assertThat(JvmMemoryReadings.isLongLived(MemoryType.HEAP, "tenured-SOA")).isTrue();
		assertThat(JvmMemoryReadings.isLongLived(MemoryType.HEAP, "G1 Eden Space")).isFalse();
		assertThat(JvmMemoryReadings.isLongLived(MemoryType.HEAP, "G1 Survivor Space")).isFalse();
		assertThat(JvmMemoryReadings.isLongLived(MemoryType.HEAP, "PS Eden Space")).isFalse();
		assertThat(JvmMemoryReadings.isLongLived(MemoryType.HEAP, "ZGC Young Generation")).isFalse();
		assertThat(JvmMemoryReadings.isLongLived(MemoryType.HEAP, "Shenandoah Young Gen")).isFalse();
		assertThat(JvmMemoryReadings.isLongLived(MemoryType.HEAP, "nursery-allocate")).isFalse();
		assertThat(JvmMemoryReadings.isLongLived(MemoryType.NON_HEAP, "Metaspace")).isFalse();
	}

	@Test
	void snapshotOfThisJvmHasHeapNonHeapAndCollectionFigures() {
		System.gc();
		MemorySnapshot snapshot = this.readings.snapshot();
		assertThat(snapshot.takenAt()).isEqualTo(this.clock.instant());
		assertThat(snapshot.heapUsed()).isPositive().isLessThanOrEqualTo(snapshot.heapCommitted());
		assertThat(snapshot.heapMax()).isNotNull().isGreaterThanOrEqualTo(snapshot.heapCommitted());
		assertThat(snapshot.heapUsedPercent()).isBetween(0.0, 100.0);
		assertThat(snapshot.longLivedPools()).isNotEmpty();
		assertThat(snapshot.afterGcPercent()).isNotNull().isBetween(0.0, 100.0);
		assertThat(snapshot.nonHeapUsed()).isPositive();
		assertThat(snapshot.metaspaceUsed()).isNotNull().isPositive();
		assertThat(snapshot.gcCount()).isPositive();
		assertThat(snapshot.garbageCollectors()).isNotEmpty();
		assertThat(snapshot.gcCount())
			.isEqualTo(snapshot.garbageCollectors().stream().mapToLong(MemorySnapshot.GarbageCollector::count).sum());
	}

	@Test
	void snapshotCountsDirectBuffers() {
		ByteBuffer buffer = ByteBuffer.allocateDirect(1024 * 1024);
		MemorySnapshot snapshot = this.readings.snapshot();
		assertThat(snapshot.directBufferUsed()).isGreaterThanOrEqualTo(buffer.capacity());
		assertThat(snapshot.directBufferCount()).isPositive();
	}

	@Test
	void snapshotHasResidentSetOnLinux() {
		assumeThat(Files.isReadable(ProcessMemory.SELF_STATUS)).isTrue();
		MemorySnapshot snapshot = this.readings.snapshot();
		assertThat(snapshot.rss()).isNotNull().isPositive();
		assertThat(snapshot.rssPeak()).isNotNull().isGreaterThanOrEqualTo(snapshot.rss());
	}

	@Test
	void heapUsedPercentIsAPercentage() {
		assertThat(this.readings.heapUsedPercent()).isGreaterThan(0.0).isLessThanOrEqualTo(100.0);
	}

}
