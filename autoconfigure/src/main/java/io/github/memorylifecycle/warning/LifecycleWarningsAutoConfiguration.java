package io.github.memorylifecycle.warning;

import java.time.Clock;

import io.github.memorylifecycle.diagnostics.ConditionalOnEnabledFeature;
import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
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
@ConditionalOnEnabledFeature
@EnableConfigurationProperties(WarningsProperties.class)
public final class LifecycleWarningsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LifecycleWarnings lifecycleWarnings(WarningsProperties properties) {
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
