package io.github.memorylifecycle.memory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.time.ZoneOffset;

import io.github.memorylifecycle.testsupport.MutableClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
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

	@Test
	void snapshotInAContainerHasTheLimitTheWorkingSetAndTheResidentShare() {
		assumeThat(Files.isReadable(ProcessMemory.SELF_STATUS)).isTrue();
		MemorySnapshot snapshot = new JvmMemoryReadings(this.clock, container()).snapshot();
		assertThat(snapshot.containerLimit()).isEqualTo(512L * 1024 * 1024);
		assertThat(snapshot.workingSet()).isEqualTo((384L - 64) * 1024 * 1024);
		assertThat(snapshot.workingSetPercentOfContainerLimit()).isEqualTo(62.5);
		assertThat(snapshot.rssPercentOfContainerLimit())
			.isCloseTo(snapshot.rss() * 100.0 / snapshot.containerLimit(), within(0.1));
	}

	@Test
	void snapshotOutsideAContainerHasNoContainerFigures() {
		MemorySnapshot snapshot = new JvmMemoryReadings(this.clock, new ContainerMemory(null, Long.MAX_VALUE))
			.snapshot();
		assertThat(snapshot.containerLimit()).isNull();
		assertThat(snapshot.workingSet()).isNull();
		assertThat(snapshot.rssPercentOfContainerLimit()).isNull();
		assertThat(snapshot.workingSetPercentOfContainerLimit()).isNull();
	}

	@Test
	void residentAttributionAddsUpTheJvmsOwnFigures() {
		assumeThat(Files.isReadable(ProcessMemory.SELF_STATUS)).isTrue();
		ByteBuffer buffer = ByteBuffer.allocateDirect(1024 * 1024);
		MemorySnapshot snapshot = this.readings.snapshot();
		MemorySnapshot.ResidentAttribution attribution = snapshot.residentAttribution();
		assertThat(attribution.heapCommitted()).isEqualTo(snapshot.heapCommitted());
		assertThat(attribution.metaspaceCommitted()).isNotNull().isGreaterThanOrEqualTo(snapshot.metaspaceUsed());
		assertThat(attribution.codeCacheCommitted()).isPositive();
		assertThat(attribution.threads()).isPositive();
		if (attribution.threadStackSize() != null) {
			assertThat(attribution.threadStacks()).isEqualTo(attribution.threads() * attribution.threadStackSize());
		}
		assertThat(attribution.directBuffers()).isGreaterThanOrEqualTo(buffer.capacity());
		assertThat(attribution.nmtCommitted()).as("NMT is off in tests").isNull();
		assertThat(attribution.unattributed()).isNotNull().isNotNegative();
	}

	@Test
	void residentShareIsReadAgainOnlyOnceASecondHasPassed(@TempDir Path directory) throws IOException {
		Path status = directory.resolve("status");
		Files.writeString(status, "VmRSS:\t  262144 kB\nVmHWM:\t  262144 kB\n");
		MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
		JvmMemoryReadings readings = new JvmMemoryReadings(clock, ManagementFactory.getMemoryMXBean(),
				ManagementFactory.getMemoryPoolMXBeans(),
				ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class),
				ManagementFactory.getGarbageCollectorMXBeans(), new ProcessMemory(status), container());
		assertThat(readings.rssPercentOfContainerLimit()).isEqualTo(50.0); // 256 MiB of the fixture's 512 MiB
		Files.writeString(status, "VmRSS:\t  393216 kB\nVmHWM:\t  393216 kB\n");
		clock.advance(Duration.ofMillis(JvmMemoryReadings.RESIDENT_REFRESH_MILLIS - 1));
		assertThat(readings.rssPercentOfContainerLimit()).as("within the second: the last reading").isEqualTo(50.0);
		clock.advance(Duration.ofMillis(1));
		assertThat(readings.rssPercentOfContainerLimit()).as("a second later: read again").isEqualTo(75.0);
	}

	@Test
	void residentShareIsNotANumberOutsideAContainer() {
		assertThat(new JvmMemoryReadings(this.clock, new ContainerMemory(null, Long.MAX_VALUE))
			.rssPercentOfContainerLimit()).isNaN();
	}

	private static ContainerMemory container() {
		return new ContainerMemory(ContainerFixtures.locate("v2-container"), Long.MAX_VALUE);
	}

}
