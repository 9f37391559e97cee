package io.github.memorylifecycle.warning;

import java.time.Clock;

import io.github.memorylifecycle.diagnostics.InvalidLifecyclePropertyException;
import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@link LifecycleWarnings} journal that every feature reports to, with the endpoint's
 * {@code warnings} part and the {@code memory.lifecycle.warnings} meter. The journal exists whenever the starter is
 * on: the features take it as a required collaborator.
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

	@Bean
	@ConditionalOnMissingBean(name = "warningsMemoryLifecycleContributor")
	MemoryLifecycleContributor warningsMemoryLifecycleContributor(LifecycleWarnings lifecycleWarnings) {
		return new WarningsContributor(lifecycleWarnings);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class WarningsMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "memoryLifecycleWarningsMeterBinder")
		MeterBinder memoryLifecycleWarningsMeterBinder(LifecycleWarnings lifecycleWarnings) {
			return new WarningsMeterBinder(lifecycleWarnings);
		}

	}

}
