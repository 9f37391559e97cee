package io.github.memorylifecycle.diagnostics;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the startup check that names unknown {@code memory.lifecycle.*} properties.
 */
@AutoConfiguration
@ConditionalOnEnabledFeature
public final class PropertiesCheckAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "memoryLifecycleUnknownPropertiesCheck")
	static UnknownPropertiesCheck memoryLifecycleUnknownPropertiesCheck(Environment environment) {
		return new UnknownPropertiesCheck(environment);
	}

}
