package io.github.memorylifecycle.warning;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the warnings journal.
 */
@ConfigurationProperties("memory.lifecycle.warnings")
public class WarningsProperties {

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

}
