package io.github.memorylifecycle.diagnostics;

import io.github.memorylifecycle.events.ListenersAutoConfiguration;
import io.github.memorylifecycle.leak.LeakAutoConfiguration;
import io.github.memorylifecycle.scheduling.SchedulingAutoConfiguration;
import io.github.memorylifecycle.scope.ScopeAutoConfiguration;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The starter's switches read booleans like every Boot property and fail loudly on anything else; unknown
 * {@code memory.lifecycle.*} properties are named at startup.
 */
@ExtendWith(OutputCaptureExtension.class)
class PropertyDiagnosticsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PropertiesCheckAutoConfiguration.class,
				LifecycleWarningsAutoConfiguration.class, ScopeAutoConfiguration.class,
				SchedulingAutoConfiguration.class, ListenersAutoConfiguration.class, LeakAutoConfiguration.class));

	@Test
	void aMisspelledMasterSwitchFailsStartupNamingThePropertyAndTheValuesItTakes() {
		this.contextRunner.withPropertyValues("memory.lifecycle.enabled=ture")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo("memory.lifecycle.enabled");
					assertThat(ex.getValue()).isEqualTo("ture");
					assertThat(ex.getReason()).contains("true or false", "yes/no", "on/off", "1/0");
				}));
	}

	@Test
	void aFeatureSwitchThatIsNotABooleanFailsStartupNamingIt() {
		for (String feature : new String[] { "scheduling", "listeners", "leak", "leak.heap-growth" }) {
			this.contextRunner.withPropertyValues("memory.lifecycle." + feature + ".enabled=maybe")
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("memory.lifecycle." + feature + ".enabled")
					.hasMessageContaining("'maybe'"));
		}
	}

	@Test
	void switchesReadYesOnAndOneAsTrueAndNoOffAndZeroAsFalseLikeBootsBinder() {
		for (String yes : new String[] { "true", "yes", "on", "1", "TRUE", "Yes" }) {
			this.contextRunner.withPropertyValues("memory.lifecycle.enabled=" + yes)
				.run((context) -> assertThat(context).hasSingleBean(LifecycleWarnings.class));
		}
		for (String no : new String[] { "false", "no", "off", "0", "OFF" }) {
			this.contextRunner.withPropertyValues("memory.lifecycle.enabled=" + no)
				.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LifecycleWarnings.class));
			this.contextRunner.withPropertyValues("memory.lifecycle.scheduling.enabled=" + no)
				.run((context) -> assertThat(context).hasSingleBean(LifecycleWarnings.class)
					.doesNotHaveBean("timerTracker"));
		}
	}

	@Test
	void theFailureAnalysisShowsWhereTheWrongValueCameFrom(CapturedOutput output) {
		SpringApplication application = new SpringApplication(Application.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--memory.lifecycle.enabled=ture"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'ture' for configuration property 'memory.lifecycle.enabled'")
			.contains("originating from '\"memory.lifecycle.enabled\" from property source \"commandLineArgs\"'")
			.contains("It must be a boolean: true or false");
	}

	@Test
	void unknownPropertiesAreNamedInOneWarningWithTheClosestKnownOne(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("memory.lifecycle.scheduling.site-treshold=5", "memory.lifecycle.leak.sampel-rate=0.1",
					"memory.lifecycle.nothing-like-this=1", "memory.lifecycle.scheduling.siteThreshold=7",
					"memory.lifecycle.leak.heap-growth.window=2h")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).containsOnlyOnce("Unknown memory-lifecycle properties, ignored: ")
					.contains("memory.lifecycle.leak.sampel-rate (did you mean memory.lifecycle.leak.sample-rate?); "
							+ "memory.lifecycle.nothing-like-this; "
							+ "memory.lifecycle.scheduling.site-treshold (did you mean "
							+ "memory.lifecycle.scheduling.site-threshold?)")
					.doesNotContain("memory.lifecycle.scheduling.site-threshold;")
					.doesNotContain("siteThreshold")
					.doesNotContain("heap-growth.window");
			});
	}

	@Test
	void knownPropertiesAloneRaiseNoWarning(CapturedOutput output) {
		this.contextRunner.withPropertyValues("memory.lifecycle.scheduling.site-threshold=5")
			.run((context) -> assertThat(output).doesNotContain("Unknown memory-lifecycle properties"));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
