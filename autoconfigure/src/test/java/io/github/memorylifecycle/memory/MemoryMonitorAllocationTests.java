package io.github.memorylifecycle.memory;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.github.memorylifecycle.warning.LifecycleWarnings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@link MemoryMonitor#track(String)} runs on every tracked operation: it must not allocate, neither in the common
 * case (use below the threshold) nor once an operation has warned.
 */
class MemoryMonitorAllocationTests {

	private static final int CALLS = 20_000;

	@Test
	void trackingBelowTheThresholdAllocatesNothing() {
		MemoryMonitor monitor = new MemoryMonitor(new JvmMemoryReadings(Clock.systemUTC()),
				new LifecycleWarnings(10, Clock.systemUTC()), new MemoryThresholds(99.9, 100, 5), 10);
		assertThat(allocatedBytes(monitor, "checkout")).isZero();
	}

	@Test
	void trackingInAContainerAllocatesNothingBetweenResidentReadings() {
		// a fixed clock: the resident figure is read on the first call and answered from that reading afterwards
		Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
		ContainerMemory container = new ContainerMemory(ContainerFixtures.locate("v2-container"), Long.MAX_VALUE);
		MemoryMonitor monitor = new MemoryMonitor(new JvmMemoryReadings(clock, container),
				new LifecycleWarnings(10, Clock.systemUTC()), new MemoryThresholds(99.9, 100, 5),
				new ContainerThresholds(99.8, 99.9), 10);
		assertThat(allocatedBytes(monitor, "checkout")).isZero();
	}

	@Test
	void trackingAnOperationThatAlreadyWarnedInAContainerAllocatesNothing() {
		MemoryMonitor monitor = new MemoryMonitor(new StubMemoryReadings().heapUsedPercent(90).container(960, 1000),
				new LifecycleWarnings(10, Clock.systemUTC()), new MemoryThresholds(80, 95, 5), 10);
		monitor.track("checkout");
		assertThat(allocatedBytes(monitor, "checkout")).isZero();
	}

	@Test
	void trackingAnOperationThatAlreadyWarnedAllocatesNothing() {
		MemoryMonitor monitor = new MemoryMonitor(new StubMemoryReadings().heapUsedPercent(90),
				new LifecycleWarnings(10, Clock.systemUTC()), new MemoryThresholds(80, 95, 5), 10);
		monitor.track("checkout");
		assertThat(allocatedBytes(monitor, "checkout")).isZero();
	}

	private static long allocatedBytes(MemoryMonitor monitor, String operation) {
		assumeThat(ManagementFactory.getThreadMXBean()).isInstanceOf(com.sun.management.ThreadMXBean.class);
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
		long thread = Thread.currentThread().getId();
		for (int i = 0; i < CALLS; i++) {
			monitor.track(operation);
		}
		long before = threads.getThreadAllocatedBytes(thread);
		for (int i = 0; i < CALLS; i++) {
			monitor.track(operation);
		}
		long allocated = threads.getThreadAllocatedBytes(thread) - before;
		// getThreadAllocatedBytes itself may allocate a little on some JVMs: allow that, not one object per call.
		return (allocated < 1024) ? 0 : allocated;
	}

}
