package io.github.memorylifecycle.warning;

import java.time.Clock;

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
		return new LifecycleWarnings(properties.getRetained(), Clock.systemUTC());
	}

}
