package io.github.memorylifecycle.scheduling;

import java.time.Duration;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Configuration of tracked async work.
 */
@ConfigurationProperties("memory.lifecycle.async")
public class AsyncProperties implements InitializingBean {

	/**
	 * Whether to track the work handed to the application's async task executors and @Async methods. With false,
	 * executors are left exactly as the application defines them and no TrackedAsyncTaskExecutor is provided.
	 */
	private boolean enabled = true;

	/**
	 * Age past which pending work (queued or running) is reported as stuck, once per task.
	 */
	private Duration stuckAfter = Duration.ofMinutes(5);

	/**
	 * Number of pending tasks from one call site (or of one task description) above which a warning is logged; it
	 * is logged again each time that count doubles.
	 */
	private int siteThreshold = 1000;

	/**
	 * Whether to record the call site (class, method and line) that submitted each task, and to group growth
	 * warnings by it. Costs a stack walk per submitted task; without it, tasks are grouped by description.
	 */
	private boolean captureSites = false;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getStuckAfter() {
		return this.stuckAfter;
	}

	public void setStuckAfter(Duration stuckAfter) {
		this.stuckAfter = stuckAfter;
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
			throw new InvalidConfigurationPropertyValueException("memory.lifecycle.async.site-threshold",
					this.siteThreshold, "It must be 1 or more (default 1000): the pending tasks per call site that "
							+ "raise a growth warning");
		}
		if (this.stuckAfter == null || this.stuckAfter.isNegative() || this.stuckAfter.isZero()) {
			throw new InvalidConfigurationPropertyValueException("memory.lifecycle.async.stuck-after", this.stuckAfter,
					"It must be a positive duration, such as 5m (the default)");
		}
	}

}
