package io.github.memorylifecycle.scheduling;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Configuration of tracked timers.
 */
@ConfigurationProperties("memory.lifecycle.scheduling")
public class SchedulingProperties implements InitializingBean {

	/**
	 * Whether to track the application's task schedulers. With false, schedulers are left exactly as the
	 * application defines them and no TrackedTaskScheduler is provided.
	 */
	private boolean enabled = true;

	/**
	 * Number of live timers from one call site (or of one task description) above which a warning is logged; it is
	 * logged again each time that count doubles.
	 */
	private int siteThreshold = 100;

	/**
	 * Whether to record the call site (class, method and line) that scheduled each timer, and to group growth
	 * warnings by it. Costs a stack walk per scheduled timer; without it, timers are grouped by task description.
	 */
	private boolean captureSites = false;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getSiteThreshold() {
		return this.siteThreshold;
	}

	public void setSiteThreshold(int siteThreshold) {
		this.siteThreshold = siteThreshold;
	}

	public boolean isCaptureSites() {
		return this.captureSites;
	}

	public void setCaptureSites(boolean captureSites) {
		this.captureSites = captureSites;
	}

	/**
	 * Checks the bound values, naming the first wrong property.
	 * @throws InvalidConfigurationPropertyValueException if a value is out of range
	 */
	@Override
	public void afterPropertiesSet() {
		if (this.siteThreshold < 1) {
			throw new InvalidConfigurationPropertyValueException("memory.lifecycle.scheduling.site-threshold",
					this.siteThreshold, "It must be 1 or more (default 100): the live timers per call site that raise "
							+ "a growth warning");
		}
	}

}
