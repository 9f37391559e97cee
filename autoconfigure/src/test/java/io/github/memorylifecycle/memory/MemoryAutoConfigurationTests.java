package io.github.memorylifecycle.memory;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(LifecycleWarningsAutoConfiguration.class, MemoryAutoConfiguration.class));

	@Test
	void providesMonitorContributorAndHealthIndicator() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(MemoryMonitor.class)
				.hasSingleBean(JvmMemoryReadings.class)
				.hasBean("memoryMemoryLifecycleContributor")
				.hasBean("memoryLifecycleHealthIndicator");
			assertThat(context.getBean("memoryMemoryLifecycleContributor", MemoryLifecycleContributor.class).part())
				.isEqualTo("memory");
			MemoryThresholds thresholds = context.getBean(MemoryMonitor.class).thresholds();
			assertThat(thresholds).isEqualTo(new MemoryThresholds(80, 95, 5));
		});
	}

	@Test
	void appliesConfiguredContainerThresholds() {
		this.contextRunner
			.withPropertyValues("memory.lifecycle.memory.container.warning-threshold=70",
					"memory.lifecycle.memory.container.critical-threshold=90")
			.run((context) -> assertThat(context.getBean(MemoryMonitor.class).containerThresholds())
				.isEqualTo(new ContainerThresholds(70, 90)));
	}

	@Test
	void containerWarningAboveCriticalFailsNamingThePropertyAndTheFix() {
		this.contextRunner
			.withPropertyValues("memory.lifecycle.memory.container.warning-threshold=96")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("memory.lifecycle.memory.container.critical-threshold")
				.hasMessageContaining("greater than memory.lifecycle.memory.container.warning-threshold (96.0)"));
	}

	@Test
	void containerWarningWithinTheHysteresisFails() {
		this.contextRunner.withPropertyValues("memory.lifecycle.memory.container.warning-threshold=4")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Property memory.lifecycle.memory.container.warning-threshold with value")
				.hasMessageContaining("greater than memory.lifecycle.memory.hysteresis (5.0)"));
	}

	@Test
	void bindsTheMemoryMetersWhenMicrometerIsPresent() {
		this.contextRunner.run((context) -> assertThat(context).hasBean("memoryLifecycleMemoryMeterBinder")
			.hasSingleBean(MemoryStatus.class));
	}

	@Test
	void noMemoryMetersWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run((context) -> assertThat(context).hasSingleBean(MemoryMonitor.class)
				.doesNotHaveBean("memoryLifecycleMemoryMeterBinder"));
	}

	@Test
	void appliesConfiguredThresholds() {
		this.contextRunner
			.withPropertyValues("memory.lifecycle.memory.warning-threshold=70",
					"memory.lifecycle.memory.critical-threshold=90", "memory.lifecycle.memory.hysteresis=10")
			.run((context) -> assertThat(context.getBean(MemoryMonitor.class).thresholds())
				.isEqualTo(new MemoryThresholds(70, 90, 10)));
	}

	@Test
	void healthIsDownUnderAnInjectedReadingAboveCritical() {
		this.contextRunner.withUserConfiguration(CriticalReadingsConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(JvmMemoryReadings.class);
			HealthIndicator indicator = context.getBean("memoryLifecycleHealthIndicator", HealthIndicator.class);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void backsOffWhenUserDefinesMonitor() {
		this.contextRunner.withUserConfiguration(UserMonitorConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(MemoryMonitor.class).hasBean("userMonitor"));
	}

	@Test
	void healthIndicatorCanBeSwitchedOffWithTheDashedName() {
		this.contextRunner.withPropertyValues("management.health.memory-lifecycle.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(MemoryMonitor.class)
				.doesNotHaveBean("memoryLifecycleHealthIndicator"));
	}

	@Test
	void healthIndicatorCanBeSwitchedOffWithTheCamelCaseName() {
		this.contextRunner.withPropertyValues("management.health.memoryLifecycle.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("memoryLifecycleHealthIndicator"));
	}

	@Test
	void noHealthIndicatorWithoutSpringBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasSingleBean(MemoryMonitor.class)
				.doesNotHaveBean("memoryLifecycleHealthIndicator"));
	}

	@Test
	void backsOffWhenMemoryLifecycleIsDisabled() {
		this.contextRunner.withPropertyValues("memory.lifecycle.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MemoryMonitor.class)
				.doesNotHaveBean(MemoryReadings.class));
	}

	@Test
	void warningAboveCriticalFailsWithAnAnalysisNamingThePropertyAndTheFix() {
		this.contextRunner
			.withPropertyValues("memory.lifecycle.memory.warning-threshold=97",
					"memory.lifecycle.memory.critical-threshold=95")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
						assertThat(ex.getName()).isEqualTo("memory.lifecycle.memory.warning-threshold");
						assertThat(ex.getValue()).isEqualTo(97.0);
						assertThat(ex.getReason()).contains(
								"it must be less than memory.lifecycle.memory.critical-threshold (95.0)",
								"Lower memory.lifecycle.memory.warning-threshold",
								"raise memory.lifecycle.memory.critical-threshold", "80 and 95");
					});
			});
	}

	@Test
	void criticalAboveHundredFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("memory.lifecycle.memory.critical-threshold=120")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("memory.lifecycle.memory.critical-threshold")
				.hasMessageContaining("at most 100"));
	}

	@Test
	void zeroWarningThresholdFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("memory.lifecycle.memory.warning-threshold=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Property memory.lifecycle.memory.warning-threshold with value"));
	}

	@Test
	void hysteresisAsLargeAsTheWarningThresholdFails() {
		this.contextRunner.withPropertyValues("memory.lifecycle.memory.hysteresis=80")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Property memory.lifecycle.memory.hysteresis with value"));
	}

	@Test
	void negativeCriticalDurationFails() {
		this.contextRunner.withPropertyValues("memory.lifecycle.memory.critical-duration=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Property memory.lifecycle.memory.critical-duration with value"));
	}

	@Configuration(proxyBeanMethods = false)
	static class CriticalReadingsConfiguration {

		@Bean
		MemoryReadings criticalReadings() {
			return new StubMemoryReadings().heapUsedPercent(97).afterGcPercent(97.0);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserMonitorConfiguration {

		@Bean
		MemoryMonitor userMonitor(LifecycleWarnings warnings) {
			return new MemoryMonitor(new StubMemoryReadings(), warnings, new MemoryThresholds(50, 60, 1), 1);
		}

	}

}
