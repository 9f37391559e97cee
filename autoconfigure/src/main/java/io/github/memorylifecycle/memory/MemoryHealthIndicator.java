package io.github.memorylifecycle.memory;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports DOWN when {@link MemoryStatus} says memory is critical: the long-lived heap pools stay full after
 * collection, or resident memory nears the container's memory limit, for at least the critical duration.
 * <p>
 * The details give the figures behind the decision: after-GC use and its threshold, heap use, resident memory, and
 * in a container the limit, the resident share of it and its threshold, and the working set.
 */
final class MemoryHealthIndicator extends AbstractHealthIndicator {

	private final MemoryStatus status;

	MemoryHealthIndicator(MemoryStatus status) {
		super("Memory health check failed");
		this.status = status;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		MemoryStatus.Assessment assessment = this.status.assess();
		MemorySnapshot snapshot = assessment.snapshot();
		builder.status(assessment.down() ? Status.DOWN : Status.UP);
		if (snapshot.afterGcPercent() != null) {
			builder.withDetail("afterGcPercent", snapshot.afterGcPercent());
		}
		builder.withDetail("criticalThreshold", this.status.monitor().thresholds().critical());
		if (assessment.criticalSince() != null) {
			builder.withDetail("criticalSince", assessment.criticalSince().toString());
			builder.withDetail("critical", reasons(assessment));
		}
		builder.withDetail("heapUsedPercent", snapshot.heapUsedPercent());
		builder.withDetail("heapUsed", snapshot.heapUsed());
		if (snapshot.heapMax() != null) {
			builder.withDetail("heapMax", snapshot.heapMax());
		}
		builder.withDetail("longLivedPools", snapshot.longLivedPools());
		if (snapshot.rss() != null) {
			builder.withDetail("rss", snapshot.rss());
		}
		if (snapshot.containerLimit() != null) {
			builder.withDetail("containerLimit", snapshot.containerLimit());
			builder.withDetail("containerCriticalThreshold", this.status.monitor().containerThresholds().critical());
		}
		if (snapshot.rssPercentOfContainerLimit() != null) {
			builder.withDetail("rssPercentOfContainerLimit", snapshot.rssPercentOfContainerLimit());
		}
		if (snapshot.workingSet() != null) {
			builder.withDetail("workingSet", snapshot.workingSet());
		}
	}

	private static List<String> reasons(MemoryStatus.Assessment assessment) {
		List<String> reasons = new ArrayList<>(2);
		if (assessment.heapCritical()) {
			reasons.add("heap");
		}
		if (assessment.containerCritical()) {
			reasons.add("container");
		}
		return reasons;
	}

}
