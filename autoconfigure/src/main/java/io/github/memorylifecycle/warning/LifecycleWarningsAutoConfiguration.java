package io.github.memorylifecycle.warning;

import java.time.Clock;

import io.github.memorylifecycle.diagnostics.InvalidLifecyclePropertyException;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link LifecycleWarnings} journal that every feature reports to.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "memory.lifecycle.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WarningsProperties.class)
public final class LifecycleWarningsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LifecycleWarnings lifecycleWarnings(WarningsProperties properties) {
		if (properties.getRetained() < 1) {
			throw new InvalidLifecyclePropertyException("memory.lifecycle.warnings.retained", properties.getRetained(),
					"at least one warning must be kept", "set it to 1 or more (default 100)");
		}
		return new LifecycleWarnings(properties.getRetained(), Clock.systemUTC());
	}

}
