package io.github.memorylifecycle.events;


import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Configuration of the tracked event listeners.
 */
@ConfigurationProperties("memory.lifecycle.listeners")
public class ListenersProperties implements InitializingBean {

	/**
	 * Whether to track the event listeners added at run time, list them and warn when they pile up.
	 */
	private boolean enabled = true;

	/**
	 * Listeners added at run time that one event type may hold before a warning is logged; the warning comes back
	 * each time the count doubles.
	 */
	private int maxPerEvent = 100;

	/**
	 * Whether to record where each runtime listener was added (class, method and line), shown in warnings and in the
	 * actuator endpoint; it costs a short stack walk per added listener and nothing per event.
	 */
	private boolean captureSites = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getMaxPerEvent() {
		return this.maxPerEvent;
	}

	public void setMaxPerEvent(int maxPerEvent) {
		this.maxPerEvent = maxPerEvent;
	}

	public boolean isCaptureSites() {
		return this.captureSites;
	}

	public void setCaptureSites(boolean captureSites) {
		this.captureSites = captureSites;
	}

	/**
	 * Checks the values at startup.
	 * @throws InvalidConfigurationPropertyValueException if a value is out of range
	 */
	void validate() {
		if (this.maxPerEvent < 1) {
			throw new InvalidConfigurationPropertyValueException("memory.lifecycle.listeners.max-per-event",
					this.maxPerEvent, "It must be 1 or more. Set memory.lifecycle.listeners.max-per-event to 1 or more "
							+ "(default 100), the number of runtime listeners one event type may hold before a warning; "
							+ "to switch the tracking off, set memory.lifecycle.listeners.enabled=false.");
		}
	}

	/**
	 * Checks the bound values, naming the first wrong property.
	 * @throws InvalidConfigurationPropertyValueException if a value is out of range
	 */
	@Override
	public void afterPropertiesSet() {
		validate();
	}

}
