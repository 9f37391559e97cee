package io.github.memorylifecycle.memory;

import java.time.Clock;

import io.github.memorylifecycle.diagnostics.ConditionalOnEnabledFeature;
import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@link MemoryMonitor}, its part of the actuator endpoint, the {@code memoryLifecycle}
 * health indicator and the meters of resident memory and the container limit.
 */
@AutoConfiguration(after = LifecycleWarningsAutoConfiguration.class)
@ConditionalOnEnabledFeature
@EnableConfigurationProperties(MemoryProperties.class)
public final class MemoryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MemoryReadings memoryReadings() {
		return new JvmMemoryReadings(Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	MemoryMonitor memoryMonitor(MemoryReadings memoryReadings, LifecycleWarnings lifecycleWarnings,
			MemoryProperties properties) {
		return new MemoryMonitor(memoryReadings, lifecycleWarnings, properties.thresholds(),
				properties.containerThresholds(), properties.getMaxOperations());
	}

	@Bean
	@ConditionalOnMissingBean
	MemoryStatus memoryStatus(MemoryMonitor memoryMonitor, MemoryProperties properties) {
		return new MemoryStatus(memoryMonitor, properties.getCriticalDuration(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(name = "memoryMemoryLifecycleContributor")
	MemoryLifecycleContributor memoryMemoryLifecycleContributor(MemoryMonitor memoryMonitor) {
		return new MemoryContributor(memoryMonitor);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	static class MemoryHealthConfiguration {

		// The health condition sits on the method: conditions of a class are loaded together, before any is
		// evaluated, so on the class it would fail to load when spring-boot-health is absent.
		@Bean
		@ConditionalOnMissingBean(name = "memoryLifecycleHealthIndicator")
		@ConditionalOnEnabledHealthIndicator("memorylifecycle")
		MemoryHealthIndicator memoryLifecycleHealthIndicator(MemoryStatus memoryStatus) {
			return new MemoryHealthIndicator(memoryStatus);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MemoryMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "memoryLifecycleMemoryMeterBinder")
		MeterBinder memoryLifecycleMemoryMeterBinder(MemoryStatus memoryStatus) {
			return new MemoryMeterBinder(memoryStatus, Clock.systemUTC());
		}

	}

}
