package io.github.memorylifecycle.memory;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.WarningKind;

import org.springframework.util.Assert;

/**
 * Watches heap use on behalf of the application's operations: an operation that runs while heap use is at or above the warning threshold warns once, and warns again only after
 * use fell below the threshold minus a hysteresis (so an operation called thousands of times near the threshold does
 * not flood the log).
 * <p>
 * Call {@link #track(String)} from the operations worth watching: imports, report generation, batch steps. It reads
 * the heap without allocating and keeps state only for operations that warned and have not re-armed yet, at most
 * {@code maxOperations} of them; past that cap, further operations share one state and so one warning.
 * <p>
 * Warnings go to {@link LifecycleWarnings} with kind {@link WarningKind#MEMORY}: logged, counted and shown by the
 * actuator endpoint.
 */
public final class MemoryMonitor {

	private final MemoryReadings readings;

	private final LifecycleWarnings warnings;

	private final MemoryThresholds thresholds;

	private final int maxOperations;

	private final ConcurrentMap<String, AtomicBoolean> warned = new ConcurrentHashMap<>();

	private final AtomicBoolean overflowWarned = new AtomicBoolean();

	/**
	 * Creates a monitor.
	 * @param readings where heap figures come from
	 * @param warnings where warnings go
	 * @param thresholds the thresholds
	 * @param maxOperations how many operations keep their own warning state, at least 1
	 */
	public MemoryMonitor(MemoryReadings readings, LifecycleWarnings warnings, MemoryThresholds thresholds,
			int maxOperations) {
		Assert.notNull(readings, "readings must not be null");
		Assert.notNull(warnings, "warnings must not be null");
		Assert.notNull(thresholds, "thresholds must not be null");
		Assert.isTrue(maxOperations > 0, () -> "maxOperations must be positive but was " + maxOperations);
		this.readings = readings;
		this.warnings = warnings;
		this.thresholds = thresholds;
		this.maxOperations = maxOperations;
	}

	/**
	 * Checks heap use for an operation: warns if use is at or above the warning threshold and this operation has not
	 * warned since it was last re-armed; re-arms the operation if use is below the threshold minus the hysteresis.
	 * @param operation a short name for what the application is doing, for example {@code "invoice import"}; it
	 * appears in the warning
	 * @return whether this call raised a warning
	 */
	public boolean track(String operation) {
		Assert.notNull(operation, "operation must not be null");
		double used = this.readings.heapUsedPercent();
		if (used >= this.thresholds.warning()) {
			return warnOnce(operation, used);
		}
		if (used < this.thresholds.rearmBelow()) {
			rearm(operation);
		}
		return false;
	}

	private boolean warnOnce(String operation, double used) {
		AtomicBoolean state = this.warned.get(operation);
		boolean overflow = false;
		if (state == null) {
			if (this.warned.size() < this.maxOperations) {
				state = this.warned.computeIfAbsent(operation, (key) -> new AtomicBoolean());
			}
			else {
				state = this.overflowWarned;
				overflow = true;
			}
		}
		if (!state.compareAndSet(false, true)) {
			return false;
		}
		String message = String.format(Locale.ROOT,
				"Heap use is %.1f %% of the maximum heap, at or above the warning threshold of %.1f %%, during '%s'",
				used, this.thresholds.warning(), operation);
		if (overflow) {
			message += " (more than " + this.maxOperations
					+ " operations warned; further operations share one warning until memory use falls)";
		}
		this.warnings.warn(WarningKind.MEMORY, message);
		return true;
	}

	private void rearm(String operation) {
		if (!this.warned.isEmpty()) {
			this.warned.remove(operation);
		}
		if (this.overflowWarned.get()) {
			this.overflowWarned.set(false);
		}
	}

	/**
	 * Takes a snapshot of the JVM's memory.
	 * @return the snapshot
	 * @see MemoryReadings#snapshot()
	 */
	public MemorySnapshot snapshot() {
		return this.readings.snapshot();
	}

	/**
	 * Returns the thresholds this monitor applies.
	 * @return the thresholds
	 */
	public MemoryThresholds thresholds() {
		return this.thresholds;
	}

}
