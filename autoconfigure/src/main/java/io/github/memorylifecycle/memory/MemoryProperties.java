package io.github.memorylifecycle.memory;


import java.time.Duration;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Configuration of the memory monitor and the {@code memoryLifecycle} health indicator.
 */
@ConfigurationProperties(MemoryProperties.PREFIX)
public class MemoryProperties implements InitializingBean {

	static final String PREFIX = "memory.lifecycle.memory";

	/**
	 * Heap use, in percent of the maximum heap, at or above which a tracked operation warns once.
	 */
	private double warningThreshold = 80;

	/**
	 * After-GC use of the long-lived heap pools, in percent of their maximum, at or above which the memoryLifecycle
	 * health indicator reports DOWN.
	 */
	private double criticalThreshold = 95;

	/**
	 * Percentage points heap use must fall below the warning threshold before an operation that warned can warn
	 * again.
	 */
	private double hysteresis = 5;

	/**
	 * How many operations that warned keep their own state; past that, further operations share one warning.
	 */
	private int maxOperations = 1000;

	/**
	 * How long after-GC use must stay at or above the critical threshold before health reports DOWN; zero reports
	 * DOWN on the first such reading.
	 */
	private Duration criticalDuration = Duration.ZERO;

	/**
	 * Thresholds of resident memory against the memory limit of the process's container (cgroup).
	 */
	private final Container container = new Container();

	public double getWarningThreshold() {
		return this.warningThreshold;
	}

	public void setWarningThreshold(double warningThreshold) {
		this.warningThreshold = warningThreshold;
	}

	public double getCriticalThreshold() {
		return this.criticalThreshold;
	}

	public void setCriticalThreshold(double criticalThreshold) {
		this.criticalThreshold = criticalThreshold;
	}

	public double getHysteresis() {
		return this.hysteresis;
	}

	public void setHysteresis(double hysteresis) {
		this.hysteresis = hysteresis;
	}

	public int getMaxOperations() {
		return this.maxOperations;
	}

	public void setMaxOperations(int maxOperations) {
		this.maxOperations = maxOperations;
	}

	public Duration getCriticalDuration() {
		return this.criticalDuration;
	}

	public void setCriticalDuration(Duration criticalDuration) {
		this.criticalDuration = criticalDuration;
	}

	public Container getContainer() {
		return this.container;
	}

	/**
	 * Validates the properties and returns the thresholds they define.
	 * @return the thresholds
	 * @throws InvalidConfigurationPropertyValueException if a property is out of range
	 */
	MemoryThresholds thresholds() {
		String warning = PREFIX + ".warning-threshold";
		String critical = PREFIX + ".critical-threshold";
		if (!(this.warningThreshold > 0 && this.warningThreshold < 100)) {
			throw new InvalidConfigurationPropertyValueException(warning, this.warningThreshold,
					"It must be greater than 0 and less than 100. Set " + warning
							+ " to a percentage of the maximum heap, for example 80 (the default).");
		}
		if (!(this.criticalThreshold > 0 && this.criticalThreshold <= 100)) {
			throw new InvalidConfigurationPropertyValueException(critical, this.criticalThreshold,
					"It must be greater than 0 and at most 100. Set " + critical
							+ " to a percentage of the long-lived heap, for example 95 (the default).");
		}
		if (this.warningThreshold >= this.criticalThreshold) {
			throw new InvalidConfigurationPropertyValueException(warning, this.warningThreshold,
					"it must be less than " + critical + " (" + this.criticalThreshold + "). Lower " + warning
							+ " or raise " + critical + " so that 0 < " + warning + " < " + critical
							+ " <= 100, for example 80 and 95 (the defaults).");
		}
		if (!(this.hysteresis >= 0 && this.hysteresis < this.warningThreshold)) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".hysteresis", this.hysteresis,
					"It must be at least 0 and less than " + warning + " (" + this.warningThreshold + "). Set " + PREFIX
							+ ".hysteresis to a few percentage points, for example 5 (the default).");
		}
		if (this.maxOperations < 1) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".max-operations", this.maxOperations,
					"It must be at least 1. Set " + PREFIX + ".max-operations to 1000 (the default) or more.");
		}
		if (this.criticalDuration == null || this.criticalDuration.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".critical-duration", this.criticalDuration,
					"It must not be negative. Set " + PREFIX
							+ ".critical-duration to 0s (the default) or a positive duration such as 2m.");
		}
		return new MemoryThresholds(this.warningThreshold, this.criticalThreshold, this.hysteresis);
	}

	/**
	 * Validates the container properties and returns the thresholds they define.
	 * @return the thresholds
	 * @throws InvalidConfigurationPropertyValueException if a property is out of range
	 */
	ContainerThresholds containerThresholds() {
		String warning = PREFIX + ".container.warning-threshold";
		String critical = PREFIX + ".container.critical-threshold";
		double containerWarning = this.container.getWarningThreshold();
		double containerCritical = this.container.getCriticalThreshold();
		if (!(containerWarning > this.hysteresis && containerWarning < 100)) {
			throw new InvalidConfigurationPropertyValueException(warning, containerWarning,
					"it must be greater than " + PREFIX + ".hysteresis (" + this.hysteresis + ") and less than 100. Set "
							+ warning + " to a percentage of the container's memory limit, for example 85 (the default).");
		}
		if (!(containerCritical > containerWarning && containerCritical <= 100)) {
			throw new InvalidConfigurationPropertyValueException(critical, containerCritical,
					"it must be greater than " + warning + " (" + containerWarning + ") and at most 100. Set " + critical
							+ " to a percentage of the container's memory limit, for example 95 (the default).");
		}
		return new ContainerThresholds(containerWarning, containerCritical);
	}

	/**
	 * Thresholds of resident memory against the container's memory limit.
	 */
	public static class Container {

		/**
		 * Resident memory, in percent of the container's memory limit, at or above which a tracked operation warns
		 * once.
		 */
		private double warningThreshold = 85;

		/**
		 * Resident memory, in percent of the container's memory limit, at or above which the memoryLifecycle health
		 * indicator reports DOWN.
		 */
		private double criticalThreshold = 95;

		public double getWarningThreshold() {
			return this.warningThreshold;
		}

		public void setWarningThreshold(double warningThreshold) {
			this.warningThreshold = warningThreshold;
		}

		public double getCriticalThreshold() {
			return this.criticalThreshold;
		}

		public void setCriticalThreshold(double criticalThreshold) {
			this.criticalThreshold = criticalThreshold;
		}

	}

	/**
	 * Checks the bound values, naming the first wrong property.
	 * @throws InvalidConfigurationPropertyValueException if a value is out of range
	 */
	@Override
	public void afterPropertiesSet() {
		thresholds();
		containerThresholds();
	}

}
