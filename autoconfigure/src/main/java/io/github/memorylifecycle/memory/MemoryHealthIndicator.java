package io.github.memorylifecycle.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports DOWN when the long-lived heap pools stay full after collection: their after-GC use is at or above the
 * critical threshold, and has been for at least the critical duration (zero by default).
 * <p>
 * Why after-GC use: it is what the last collection could not free, a floor under the heap use, so a single reading
 * at 95 % already means the live data fills the old generation and the JVM is close to spending its time collecting
 * or to an {@code OutOfMemoryError}. Plain heap use crosses 95 % in a healthy JVM between two collections and would
 * make the indicator flap. The critical duration adds a grace period for applications whose live set briefly peaks
 * (a large import): the first critical reading starts the clock, a reading below the threshold resets it.
 */
final class MemoryHealthIndicator extends AbstractHealthIndicator {

	private final MemoryMonitor monitor;

	private final Duration criticalDuration;

	private final Clock clock;

	private final AtomicReference<@Nullable Instant> criticalSince = new AtomicReference<>();

	MemoryHealthIndicator(MemoryMonitor monitor, Duration criticalDuration, Clock clock) {
		super("Memory health check failed");
		this.monitor = monitor;
		this.criticalDuration = criticalDuration;
		this.clock = clock;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		MemorySnapshot snapshot = this.monitor.snapshot();
		double critical = this.monitor.thresholds().critical();
		Double afterGc = snapshot.afterGcPercent();
		Instant since = null;
		if (afterGc != null && afterGc >= critical) {
			Instant now = this.clock.instant();
			since = this.criticalSince.updateAndGet((previous) -> (previous != null) ? previous : now);
			boolean lasted = !now.isBefore(since.plus(this.criticalDuration));
			builder.status(lasted ? Status.DOWN : Status.UP);
		}
		else {
			this.criticalSince.set(null);
			builder.up();
		}
		if (afterGc != null) {
			builder.withDetail("afterGcPercent", afterGc);
		}
		builder.withDetail("criticalThreshold", critical);
		if (since != null) {
			builder.withDetail("criticalSince", since.toString());
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
	}

}
