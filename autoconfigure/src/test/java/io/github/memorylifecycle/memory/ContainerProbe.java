package io.github.memorylifecycle.memory;

import java.lang.management.ManagementFactory;
import java.time.Clock;

import com.sun.management.OperatingSystemMXBean;

/**
 * Run in a child JVM by {@link ContainerLimitRunTests}: prints what the memory snapshot and the JVM itself see of the
 * container, one {@code key=value} per line.
 */
final class ContainerProbe {

	private ContainerProbe() {
	}

	public static void main(String[] args) {
		MemorySnapshot snapshot = new JvmMemoryReadings(Clock.systemUTC()).snapshot();
		OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
		System.out.println("containerLimit=" + snapshot.containerLimit());
		System.out.println("rss=" + snapshot.rss());
		System.out.println("rssPercentOfContainerLimit=" + snapshot.rssPercentOfContainerLimit());
		System.out.println("workingSet=" + snapshot.workingSet());
		System.out.println("nmtCommitted=" + snapshot.residentAttribution().nmtCommitted());
		System.out.println("unattributed=" + snapshot.residentAttribution().unattributed());
		System.out.println("jvmTotalMemory=" + os.getTotalMemorySize());
		System.out.println("jvmMaxHeap=" + Runtime.getRuntime().maxMemory());
	}

}
