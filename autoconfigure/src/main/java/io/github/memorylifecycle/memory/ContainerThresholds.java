package io.github.memorylifecycle.memory;

import org.springframework.util.Assert;

/**
 * The percentages of the container's memory limit the monitor compares resident memory with. The kernel kills the
 * process when its cgroup reaches the limit, whatever the heap use, so these are the thresholds that matter in a
 * container.
 *
 * @param warning resident memory, in percent of the container limit, at or above which an operation warns (once)
 * @param critical resident memory, in percent of the container limit, at or above which health reports DOWN
 */
public record ContainerThresholds(double warning, double critical) {

	/**
	 * The defaults: warn at 85 %, DOWN at 95 %.
	 */
	public static final ContainerThresholds DEFAULTS = new ContainerThresholds(85, 95);

	/**
	 * Checks that {@code 0 < warning < critical <= 100}.
	 */
	public ContainerThresholds {
		Assert.isTrue(warning > 0, () -> "warning must be greater than 0 but was " + warning);
		Assert.isTrue(critical > warning,
				() -> "critical (" + critical + ") must be greater than warning (" + warning + ")");
		Assert.isTrue(critical <= 100, () -> "critical must be at most 100 but was " + critical);
	}

}
