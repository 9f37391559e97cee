package io.github.memorylifecycle.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether memory is critical, for the {@code memoryLifecycle} health indicator and the
 * {@code memory.lifecycle.memory.critical} gauge alike, so that both always agree.
 * <p>
 * Memory is critical when the long-lived heap pools stay full after collection (after-GC use at or above the
 * critical threshold) or when resident memory reaches the critical share of the container's memory limit; it is
 * DOWN once a critical condition has lasted the critical duration (zero by default).
 * <p>
 * Why after-GC use: it is what the last collection could not free, a floor under the heap use, so a single reading
 * at 95 % already means the live data fills the old generation and the JVM is close to spending its time collecting
 * or to an {@code OutOfMemoryError}. Plain heap use crosses 95 % in a healthy JVM between two collections and would
 * make the indicator flap. Why resident memory: the kernel kills the process when its cgroup reaches the limit,
 * whatever the heap says. The critical duration adds a grace period for applications whose memory briefly peaks (a
 * large import): the first critical reading starts the clock, a reading below both thresholds resets it.
 */
final class MemoryStatus {

	private final MemoryMonitor monitor;

	private final Duration criticalDuration;

	private final Clock clock;

	private final AtomicReference<@Nullable Instant> criticalSince = new AtomicReference<>();

	MemoryStatus(MemoryMonitor monitor, Duration criticalDuration, Clock clock) {
		this.monitor = monitor;
		this.criticalDuration = criticalDuration;
		this.clock = clock;
	}

	/**
	 * Takes a snapshot and assesses it.
	 * @return the assessment
	 */
	Assessment assess() {
		return assess(this.monitor.snapshot());
	}

	/**
	 * Assesses a snapshot, starting or resetting the critical duration.
	 * @param snapshot the snapshot
	 * @return the assessment
	 */
	Assessment assess(MemorySnapshot snapshot) {
		Double afterGc = snapshot.afterGcPercent();
		Double resident = snapshot.rssPercentOfContainerLimit();
		boolean heapCritical = afterGc != null && afterGc >= this.monitor.thresholds().critical();
		boolean containerCritical = resident != null && resident >= this.monitor.containerThresholds().critical();
		if (!heapCritical && !containerCritical) {
			this.criticalSince.set(null);
			return new Assessment(snapshot, false, null, false, false);
		}
		Instant now = this.clock.instant();
		Instant since = this.criticalSince.updateAndGet((previous) -> (previous != null) ? previous : now);
		boolean lasted = !now.isBefore(since.plus(this.criticalDuration));
		return new Assessment(snapshot, lasted, since, heapCritical, containerCritical);
	}

	MemoryMonitor monitor() {
		return this.monitor;
	}

	/**
	 * The outcome of one assessment.
	 *
	 * @param snapshot the snapshot assessed
	 * @param down whether memory is critical and has been for the critical duration
	 * @param criticalSince when the current critical period started, {@code null} when memory is not critical
	 * @param heapCritical whether after-GC use of the long-lived pools is at or above the critical threshold
	 * @param containerCritical whether resident memory is at or above the critical share of the container limit
	 */
	record Assessment(MemorySnapshot snapshot, boolean down, @Nullable Instant criticalSince, boolean heapCritical,
			boolean containerCritical) {
	}

}
