package io.github.memorylifecycle.memory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NativeMemoryReadingsTests {

	private final NativeMemoryReadings readings = new NativeMemoryReadings(ManagementFactory.getMemoryPoolMXBeans());

	@Test
	void codeCacheIsTheSegmentedCodeHeapsOrTheSingleCodeCache() {
		assertThat(NativeMemoryReadings.isCodeCache(MemoryType.NON_HEAP, "CodeHeap 'non-nmethods'")).isTrue();
		assertThat(NativeMemoryReadings.isCodeCache(MemoryType.NON_HEAP, "CodeHeap 'profiled nmethods'")).isTrue();
		assertThat(NativeMemoryReadings.isCodeCache(MemoryType.NON_HEAP, "Code Cache")).isTrue();
		assertThat(NativeMemoryReadings.isCodeCache(MemoryType.NON_HEAP, "Metaspace")).isFalse();
		assertThat(NativeMemoryReadings.isCodeCache(MemoryType.HEAP, "CodeHeap 'odd'")).isFalse();
	}

	@Test
	void nmtCommittedTotalIsReadFromTheSummaryInBytes() {
		String summary = """
				Native Memory Tracking:

				(Omitting categories weighting less than 1KB)

				Total: reserved=1456532KB, committed=118252KB
				       malloc: 19020KB #21093
				       mmap:   reserved=1437512KB, committed=99232KB

				-                 Java Heap (reserved=262144KB, committed=16384KB)
				""";
		assertThat(NativeMemoryReadings.nmtCommitted(summary)).isEqualTo(118252L * 1024);
		assertThat(NativeMemoryReadings.nmtCommitted("Native memory tracking is not enabled")).isNull();
	}

	@Test
	void thisJvmHasThreadsACodeCacheAndNoNmtByDefault() {
		assertThat(this.readings.threadCount()).isPositive();
		assertThat(this.readings.codeCacheCommitted()).isPositive();
		assertThat(this.readings.nmtCommitted()).isNull();
	}

}
