package io.github.memorylifecycle.memory;

import java.util.Locale;

import io.github.memorylifecycle.memory.OperationWarnings.Claim;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.WarningKind;

import org.springframework.util.Assert;

/**
 * Watches memory on behalf of the application's operations: an operation that runs while heap use is at or above the
 * warning threshold warns once, and warns again only after use fell below the threshold minus a hysteresis (so an
 * operation called thousands of times near the threshold does not flood the log).
 * <p>
 * In a container the same goes for resident memory against the container's memory limit, with its own thresholds
 * ({@link ContainerThresholds}) and its own once-per-operation state: the kernel kills the process at the limit, and
 * metaspace, thread stacks, direct buffers and native allocations get it there while the heap looks fine.
 * <p>
 * Call {@link #track(String)} from the operations worth watching: imports, report generation, batch steps. It reads
 * the heap without allocating, and the container figure from a reading at most a second old; it keeps state only for
 * operations that warned and have not re-armed yet, at most {@code maxOperations} of them per figure; past that cap,
 * further operations share one state and so one warning.
 * <p>
 * Warnings go to {@link LifecycleWarnings} with kind {@link WarningKind#MEMORY}: logged, counted and shown by the
 * actuator endpoint.
 */
public final class MemoryMonitor {

	private final MemoryReadings readings;

	private final LifecycleWarnings warnings;

	private final MemoryThresholds thresholds;

	private final ContainerThresholds containerThresholds;

	private final OperationWarnings heapWarnings;

	private final OperationWarnings containerWarnings;

	/**
	 * Creates a monitor with the default container thresholds.
	 * @param readings where memory figures come from
	 * @param warnings where warnings go
	 * @param thresholds the heap thresholds
	 * @param maxOperations how many operations keep their own warning state, at least 1
	 */
	public MemoryMonitor(MemoryReadings readings, LifecycleWarnings warnings, MemoryThresholds thresholds,
			int maxOperations) {
		this(readings, warnings, thresholds, ContainerThresholds.DEFAULTS, maxOperations);
	}

	/**
	 * Creates a monitor.
	 * @param readings where memory figures come from
	 * @param warnings where warnings go
	 * @param thresholds the heap thresholds, and the hysteresis of both figures
	 * @param containerThresholds the thresholds of resident memory against the container limit
	 * @param maxOperations how many operations keep their own warning state, at least 1
	 */
	public MemoryMonitor(MemoryReadings readings, LifecycleWarnings warnings, MemoryThresholds thresholds,
			ContainerThresholds containerThresholds, int maxOperations) {
		Assert.notNull(readings, "readings must not be null");
		Assert.notNull(warnings, "warnings must not be null");
		Assert.notNull(thresholds, "thresholds must not be null");
		Assert.notNull(containerThresholds, "containerThresholds must not be null");
		Assert.isTrue(maxOperations > 0, () -> "maxOperations must be positive but was " + maxOperations);
		this.readings = readings;
		this.warnings = warnings;
		this.thresholds = thresholds;
		this.containerThresholds = containerThresholds;
		this.heapWarnings = new OperationWarnings(maxOperations);
		this.containerWarnings = new OperationWarnings(maxOperations);
	}

	/**
	 * Checks memory for an operation: for heap use, and for resident memory against the container limit when there
	 * is one, warns if the figure is at or above its warning threshold and this operation has not warned about it
	 * since it was last re-armed; re-arms the operation if the figure is below the threshold minus the hysteresis.
	 * @param operation a short name for what the application is doing, for example {@code "invoice import"}; it
	 * appears in the warning
	 * @return whether this call raised a warning
	 */
	public boolean track(String operation) {
		Assert.notNull(operation, "operation must not be null");
		boolean warned = check(operation, this.readings.heapUsedPercent(), this.thresholds.warning(),
				this.heapWarnings, "Heap use is %.1f %% of the maximum heap");
		double resident = this.readings.rssPercentOfContainerLimit();
		if (!Double.isNaN(resident)) {
			warned |= check(operation, resident, this.containerThresholds.warning(), this.containerWarnings,
					"Resident memory is %.1f %% of the container's memory limit, where the kernel kills the process");
		}
		return warned;
	}

	private boolean check(String operation, double used, double warning, OperationWarnings state, String figure) {
		if (used >= warning) {
			Claim claim = state.claim(operation);
			if (claim != Claim.NONE) {
				warn(operation, used, warning, figure, claim, state.maxOperations());
				return true;
			}
		}
		else if (used < warning - this.thresholds.hysteresis()) {
			state.rearm(operation);
		}
		return false;
	}

	private void warn(String operation, double used, double warning, String figure, Claim claim, int cap) {
		String message = String.format(Locale.ROOT, figure + ", at or above the warning threshold of %.1f %%, during '%s'",
				used, warning, operation);
		if (claim == Claim.SHARED) {
			message += " (more than " + cap
					+ " operations warned; further operations share one warning until memory use falls)";
		}
		this.warnings.warn(WarningKind.MEMORY, message);
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
	 * Returns the heap thresholds this monitor applies.
	 * @return the thresholds
	 */
	public MemoryThresholds thresholds() {
		return this.thresholds;
	}

	/**
	 * Returns the container thresholds this monitor applies.
	 * @return the thresholds
	 */
	public ContainerThresholds containerThresholds() {
		return this.containerThresholds;
	}

}
