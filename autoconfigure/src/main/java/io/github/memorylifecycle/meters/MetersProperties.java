package io.github.memorylifecycle.meters;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Configuration of the meter cardinality watch.
 */
@ConfigurationProperties("memory.lifecycle.meters")
public class MetersProperties implements InitializingBean {

	/**
	 * Whether to count the meters of the application's meter registry by name, list them and warn when one name
	 * piles them up.
	 */
	private boolean enabled = true;

	/**
	 * Meters one name may hold (one per set of tag values) before a warning is logged; the warning comes back each
	 * time the count doubles. The default is the floor of Micrometer's HighCardinalityTagsDetector.
	 */
	private int maxPerName = 1000;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getMaxPerName() {
		return this.maxPerName;
	}

	public void setMaxPerName(int maxPerName) {
		this.maxPerName = maxPerName;
	}

	/**
	 * Checks the bound values.
	 * @throws InvalidConfigurationPropertyValueException if a value is out of range
	 */
	@Override
	public void afterPropertiesSet() {
		if (this.maxPerName < 1) {
			throw new InvalidConfigurationPropertyValueException(CardinalityWarnings.PROPERTY, this.maxPerName,
					"it must be at least 1. Set " + CardinalityWarnings.PROPERTY
							+ " to 1000 (the default) or to the most meters one name may legitimately hold, or set "
							+ "memory.lifecycle.meters.enabled=false.");
		}
	}

}
