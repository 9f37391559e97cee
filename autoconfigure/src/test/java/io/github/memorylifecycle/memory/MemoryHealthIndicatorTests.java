package io.github.memorylifecycle.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.memorylifecycle.testsupport.MutableClock;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryHealthIndicatorTests {

	private final StubMemoryReadings readings = new StubMemoryReadings().heapUsedPercent(60);

	private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));

	private final MemoryMonitor monitor = new MemoryMonitor(this.readings,
			new LifecycleWarnings(10, Clock.systemUTC()), new MemoryThresholds(80, 95, 5), 10);

	private MemoryHealthIndicator indicator(Duration criticalDuration) {
		return new MemoryHealthIndicator(new MemoryStatus(this.monitor, criticalDuration, this.clock));
	}

	@Test
	void upWithKeyFiguresBelowCritical() {
		this.readings.afterGcPercent(40.0);
		Health health = indicator(Duration.ZERO).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("afterGcPercent", 40.0)
			.containsEntry("criticalThreshold", 95.0)
			.containsEntry("heapUsedPercent", 60.0)
			.containsEntry("heapUsed", 800L)
			.containsEntry("heapMax", 1000L)
			.containsEntry("rss", 2000L)
			.containsKey("longLivedPools")
			.doesNotContainKey("criticalSince");
	}

	@Test
	void downAtCriticalAfterGcUse() {
		this.readings.afterGcPercent(95.0);
		Health health = indicator(Duration.ZERO).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("afterGcPercent", 95.0)
			.containsEntry("criticalSince", "2025-01-01T00:00:00Z");
	}

	@Test
	void highHeapUseAloneIsNotCritical() {
		this.readings.heapUsedPercent(99).afterGcPercent(30.0);
		Health health = indicator(Duration.ZERO).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void upWhenNoPoolReportsAfterGcUse() {
		this.readings.afterGcPercent(null);
		Health health = indicator(Duration.ZERO).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).doesNotContainKey("afterGcPercent");
	}

	@Test
	void downOnlyOnceCriticalUseLastedTheCriticalDuration() {
		MemoryHealthIndicator indicator = indicator(Duration.ofMinutes(2));
		this.readings.afterGcPercent(97.0);
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		this.clock.advance(Duration.ofSeconds(119));
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void readingBelowCriticalRestartsTheCriticalDuration() {
		MemoryHealthIndicator indicator = indicator(Duration.ofMinutes(2));
		this.readings.afterGcPercent(97.0);
		indicator.health();
		this.clock.advance(Duration.ofMinutes(1));
		this.readings.afterGcPercent(50.0);
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		this.readings.afterGcPercent(97.0);
		indicator.health();
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void downWhenResidentMemoryReachesTheCriticalShareOfTheContainerLimit() {
		this.readings.afterGcPercent(40.0).container(950L, 1000L);
		Health health = indicator(Duration.ZERO).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("containerLimit", 1000L)
			.containsEntry("rssPercentOfContainerLimit", 95.0)
			.containsEntry("containerCriticalThreshold", 95.0)
			.containsEntry("critical", List.of("container"));
	}

	@Test
	void upBelowTheCriticalShareOfTheContainerLimitWithTheContainerFigures() {
		this.readings.afterGcPercent(40.0).container(949L, 1000L);
		Health health = indicator(Duration.ZERO).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("rssPercentOfContainerLimit", 94.9)
			.containsEntry("workingSet", 900L)
			.doesNotContainKey("critical");
	}

	@Test
	void withoutAContainerLimitTheDetailsLeaveItOut() {
		this.readings.afterGcPercent(40.0);
		assertThat(indicator(Duration.ZERO).health().getDetails()).doesNotContainKeys("containerLimit",
				"rssPercentOfContainerLimit", "containerCriticalThreshold");
	}

	@Test
	void bothConditionsAreNamedWhenBothAreCritical() {
		this.readings.afterGcPercent(99.0).container(990L, 1000L);
		assertThat(indicator(Duration.ZERO).health().getDetails()).containsEntry("critical",
				List.of("heap", "container"));
	}

}
