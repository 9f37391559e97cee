package io.github.memorylifecycle.memory;

import org.springframework.util.Assert;

/**
 * The percentages the memory monitor compares its readings with.
 *
 * @param warning heap use, in percent of the maximum heap, at or above which an operation warns (once)
 * @param critical after-GC use of the long-lived pools, in percent, at or above which health reports DOWN
 * @param hysteresis percentage points heap use must fall below {@code warning} before an operation that warned can
 * warn again
 */
public record MemoryThresholds(double warning, double critical, double hysteresis) {

	/**
	 * Checks that {@code 0 < warning < critical <= 100} and {@code 0 <= hysteresis < warning}.
	 */
	public MemoryThresholds {
		Assert.isTrue(warning > 0, () -> "warning must be greater than 0 but was " + warning);
		Assert.isTrue(critical > warning,
				() -> "critical (" + critical + ") must be greater than warning (" + warning + ")");
		Assert.isTrue(critical <= 100, () -> "critical must be at most 100 but was " + critical);
		Assert.isTrue(hysteresis >= 0 && hysteresis < warning,
				() -> "hysteresis must be at least 0 and less than warning (" + warning + ") but was " + hysteresis);
	}

	/**
	 * Returns the heap use below which an operation that warned is re-armed.
	 * @return {@code warning - hysteresis}
	 */
	public double rearmBelow() {
		return this.warning - this.hysteresis;
	}

}
