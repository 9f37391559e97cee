package io.github.memorylifecycle.warning;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Configuration of the warnings journal.
 */
@ConfigurationProperties("memory.lifecycle.warnings")
public class WarningsProperties implements InitializingBean {

	/**
	 * How many of the most recent warnings the actuator endpoint keeps and shows.
	 */
	private int retained = 100;

	public int getRetained() {
		return this.retained;
	}

	public void setRetained(int retained) {
		this.retained = retained;
	}

	/**
	 * Checks the bound values, naming the first wrong property.
	 * @throws InvalidConfigurationPropertyValueException if a value is out of range
	 */
	@Override
	public void afterPropertiesSet() {
		if (this.retained < 1) {
			throw new InvalidConfigurationPropertyValueException("memory.lifecycle.warnings.retained", this.retained,
					"It must be 1 or more (default 100): at least one warning must be kept");
		}
	}

}
