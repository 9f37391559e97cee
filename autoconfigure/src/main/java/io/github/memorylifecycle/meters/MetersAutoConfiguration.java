package io.github.memorylifecycle.meters;

import io.github.memorylifecycle.diagnostics.ConditionalOnEnabledFeature;
import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the meter cardinality watch: a {@link MeterCardinalityWatcher} that Spring Boot binds to the
 * application's meter registry like any {@code MeterBinder}, and its {@code meters} part of the actuator endpoint.
 */
@AutoConfiguration(after = LifecycleWarningsAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnEnabledFeature("meters")
@EnableConfigurationProperties(MetersProperties.class)
public final class MetersAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MeterCardinalityWatcher meterCardinalityWatcher(MetersProperties properties, LifecycleWarnings lifecycleWarnings) {
		return new MeterCardinalityWatcher(properties.getMaxPerName(), new CardinalityWarnings(lifecycleWarnings));
	}

	@Bean
	@ConditionalOnMissingBean(name = "metersMemoryLifecycleContributor")
	MemoryLifecycleContributor metersMemoryLifecycleContributor(MeterCardinalityWatcher meterCardinalityWatcher,
			LifecycleWarnings lifecycleWarnings) {
		return new MetersContributor(meterCardinalityWatcher, lifecycleWarnings);
	}

}
