package io.github.memorylifecycle.warning;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class LifecycleWarningsTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleWarningsAutoConfiguration.class));

	@Test
	void keepsOnlyTheMostRecentWarningsButCountsThemAll(CapturedOutput output) {
		LifecycleWarnings warnings = new LifecycleWarnings(2, this.clock);
		warnings.warn(WarningKind.TIMERS, "one");
		warnings.warn(WarningKind.TIMERS, "two");
		warnings.warn(WarningKind.MEMORY, "three");
		assertThat(warnings.recent()).extracting(LifecycleWarning::message).containsExactly("two", "three");
		assertThat(warnings.recent().get(0).at()).isEqualTo(this.clock.instant());
		assertThat(warnings.count("timers")).isEqualTo(2);
		assertThat(warnings.counts()).containsEntry("memory", 1L).containsEntry("timers", 2L);
		assertThat(output).contains("[timers] one").contains("[memory] three");
	}

	@Test
	void doublingThresholdWarnsPastTheLimitThenAtEachDoublingAndReArms() {
		DoublingThreshold threshold = new DoublingThreshold(10);
		StringBuilder warnedAt = new StringBuilder();
		for (int count = 0; count <= 50; count++) {
			if (threshold.shouldWarn(count)) {
				warnedAt.append(count).append(' ');
			}
		}
		assertThat(warnedAt.toString().trim()).isEqualTo("11 22 44");
		assertThat(threshold.shouldWarn(10)).isFalse();
		assertThat(threshold.shouldWarn(11)).as("re-armed after falling back to the limit").isTrue();
	}

	@Test
	void providesTheJournalWithTheConfiguredCapacity() {
		this.contextRunner.withPropertyValues("memory.lifecycle.warnings.retained=1").run((context) -> {
			LifecycleWarnings warnings = context.getBean(LifecycleWarnings.class);
			warnings.warn(WarningKind.LEAKS, "first");
			warnings.warn(WarningKind.LEAKS, "second");
			assertThat(warnings.recent()).extracting(LifecycleWarning::message).containsExactly("second");
		});
	}

	@Test
	void backsOffWhenDisabledOrUserDefined() {
		this.contextRunner.withPropertyValues("memory.lifecycle.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LifecycleWarnings.class));
		LifecycleWarnings own = new LifecycleWarnings(5, this.clock);
		this.contextRunner.withBean(LifecycleWarnings.class, () -> own)
			.run((context) -> assertThat(context).getBean(LifecycleWarnings.class).isSameAs(own));
	}

	@Test
	void failsStartupNamingThePropertyWhenNothingWouldBeRetained() {
		this.contextRunner.withPropertyValues("memory.lifecycle.warnings.retained=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("memory.lifecycle.warnings.retained"));
	}

	@Test
	void countsAKindByItsIdAndLeavesKindsNeverRaisedOutOfTheCounts() {
		LifecycleWarnings warnings = new LifecycleWarnings(5, this.clock);
		warnings.warn(WarningKind.HEAP_GROWTH, "climbing");
		assertThat(warnings.count(WarningKind.HEAP_GROWTH)).isOne();
		assertThat(warnings.count("heap-growth")).isOne();
		assertThat(warnings.count("no-such-kind")).isZero();
		assertThat(warnings.counts()).containsOnlyKeys("heap-growth");
		assertThat(warnings.recent().get(0).kind()).isEqualTo("heap-growth");
	}

	@Test
	void countsEveryKindOnOneMeterTaggedByKind() {
		LifecycleWarnings warnings = new LifecycleWarnings(5, this.clock);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new WarningsMeterBinder(warnings).bindTo(registry);
		warnings.warn(WarningKind.TIMERS, "one");
		warnings.warn(WarningKind.TIMERS, "two");
		assertThat(registry.find("memory.lifecycle.warnings").functionCounters()).hasSize(WarningKind.values().length);
		assertThat(registry.get("memory.lifecycle.warnings").tag("kind", "timers").functionCounter().count())
			.isEqualTo(2);
		assertThat(registry.get("memory.lifecycle.warnings").tag("kind", "caches").functionCounter().count()).isZero();
	}

	@Test
	void providesTheWarningsPartAndTheMeterWithTheJournal() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(WarningsContributor.class)
			.hasSingleBean(WarningsMeterBinder.class)
			.getBean(WarningsContributor.class)
			.extracting(WarningsContributor::part)
			.isEqualTo("warnings"));
		this.contextRunner.withPropertyValues("memory.lifecycle.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WarningsContributor.class)
				.doesNotHaveBean(WarningsMeterBinder.class));
	}

}
