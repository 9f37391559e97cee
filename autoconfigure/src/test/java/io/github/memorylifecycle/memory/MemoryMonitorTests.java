package io.github.memorylifecycle.memory;

import java.time.Clock;

import io.github.memorylifecycle.warning.LifecycleWarnings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MemoryMonitorTests {

	private final StubMemoryReadings readings = new StubMemoryReadings();

	private final LifecycleWarnings warnings = new LifecycleWarnings(100, Clock.systemUTC());

	private final MemoryMonitor monitor = new MemoryMonitor(this.readings, this.warnings,
			new MemoryThresholds(80, 95, 5), 2);

	@Test
	void staysSilentBelowTheWarningThreshold() {
		this.readings.heapUsedPercent(79.9);
		assertThat(this.monitor.track("import")).isFalse();
		assertThat(this.warnings.count("memory")).isZero();
	}

	@Test
	void warnsAtTheThresholdOncePerOperation() {
		this.readings.heapUsedPercent(80);
		assertThat(this.monitor.track("import")).isTrue();
		assertThat(this.monitor.track("import")).isFalse();
		this.readings.heapUsedPercent(99);
		assertThat(this.monitor.track("import")).isFalse();
		assertThat(this.warnings.count("memory")).isEqualTo(1);
	}

	@Test
	void warningNamesTheOperationAndTheFigures() {
		this.readings.heapUsedPercent(83.25);
		this.monitor.track("invoice import");
		assertThat(this.warnings.recent()).singleElement().satisfies((warning) -> {
			assertThat(warning.kind()).isEqualTo("memory");
			assertThat(warning.message()).contains("'invoice import'", "83.3 %", "80.0 %");
		});
	}

	@Test
	void eachOperationWarnsOnItsOwn() {
		this.readings.heapUsedPercent(85);
		assertThat(this.monitor.track("import")).isTrue();
		assertThat(this.monitor.track("report")).isTrue();
		assertThat(this.warnings.count("memory")).isEqualTo(2);
	}

	@Test
	void doesNotRearmWhileUseStaysWithinTheHysteresis() {
		this.readings.heapUsedPercent(85);
		this.monitor.track("import");
		this.readings.heapUsedPercent(75);
		assertThat(this.monitor.track("import")).isFalse();
		this.readings.heapUsedPercent(85);
		assertThat(this.monitor.track("import")).isFalse();
		assertThat(this.warnings.count("memory")).isEqualTo(1);
	}

	@Test
	void rearmsOnceUseFallsBelowThresholdMinusHysteresis() {
		this.readings.heapUsedPercent(85);
		this.monitor.track("import");
		this.readings.heapUsedPercent(74.9);
		assertThat(this.monitor.track("import")).isFalse();
		this.readings.heapUsedPercent(85);
		assertThat(this.monitor.track("import")).isTrue();
		assertThat(this.warnings.count("memory")).isEqualTo(2);
	}

	@Test
	void operationsPastTheCapShareOneWarning() {
		this.readings.heapUsedPercent(90);
		this.monitor.track("a");
		this.monitor.track("b");
		assertThat(this.monitor.track("c")).isTrue();
		assertThat(this.monitor.track("d")).isFalse();
		assertThat(this.warnings.recent()).last()
			.satisfies((warning) -> assertThat(warning.message()).contains("'c'", "more than 2 operations"));
		this.readings.heapUsedPercent(10);
		this.monitor.track("d");
		this.readings.heapUsedPercent(90);
		assertThat(this.monitor.track("d")).isTrue();
	}

	@Test
	void rearmingFreesTheSlotOfTheOperation() {
		this.readings.heapUsedPercent(90);
		this.monitor.track("a");
		this.monitor.track("b");
		this.readings.heapUsedPercent(10);
		this.monitor.track("a");
		this.readings.heapUsedPercent(90);
		assertThat(this.monitor.track("c")).isTrue();
		assertThat(this.warnings.recent()).last()
			.satisfies((warning) -> assertThat(warning.message()).doesNotContain("more than"));
	}

	@Test
	void snapshotComesFromTheReadings() {
		this.readings.afterGcPercent(42.0);
		assertThat(this.monitor.snapshot().afterGcPercent()).isEqualTo(42.0);
	}

	@Test
	void thresholdsMustBeOrdered() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MemoryThresholds(95, 80, 5))
			.withMessageContaining("critical (80.0) must be greater than warning (95.0)");
		assertThatIllegalArgumentException().isThrownBy(() -> new MemoryThresholds(0, 80, 0))
			.withMessageContaining("warning must be greater than 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new MemoryThresholds(80, 101, 5))
			.withMessageContaining("critical must be at most 100");
		assertThatIllegalArgumentException().isThrownBy(() -> new MemoryThresholds(80, 95, 80))
			.withMessageContaining("hysteresis");
	}

	@Test
	void residentMemoryNearTheContainerLimitWarnsOncePerOperation() {
		this.readings.heapUsedPercent(40).container(860, 1000);
		assertThat(this.monitor.track("import")).isTrue();
		assertThat(this.monitor.track("import")).isFalse();
		assertThat(this.monitor.track("report")).isTrue();
		assertThat(this.warnings.recent()).first()
			.satisfies((warning) -> assertThat(warning.message()).contains("Resident memory is 86.0 %",
					"container's memory limit", "warning threshold of 85.0 %", "'import'"));
	}

	@Test
	void residentMemoryRearmsBelowItsThresholdMinusTheHysteresis() {
		this.readings.heapUsedPercent(40).container(900, 1000);
		this.monitor.track("import");
		this.readings.container(810, 1000);
		assertThat(this.monitor.track("import")).isFalse();
		this.readings.container(900, 1000);
		assertThat(this.monitor.track("import")).as("81 % is within the hysteresis").isFalse();
		this.readings.container(799, 1000);
		this.monitor.track("import");
		this.readings.container(900, 1000);
		assertThat(this.monitor.track("import")).isTrue();
		assertThat(this.warnings.count("memory")).isEqualTo(2);
	}

	@Test
	void heapAndContainerWarnOnTheirOwn() {
		this.readings.heapUsedPercent(90).container(900, 1000);
		assertThat(this.monitor.track("import")).isTrue();
		assertThat(this.warnings.count("memory")).isEqualTo(2);
		this.readings.heapUsedPercent(10);
		this.monitor.track("import");
		this.readings.heapUsedPercent(90);
		assertThat(this.monitor.track("import")).as("heap re-armed, container still warned").isTrue();
		assertThat(this.warnings.count("memory")).isEqualTo(3);
	}

	@Test
	void withoutAContainerLimitOnlyTheHeapCounts() {
		this.readings.heapUsedPercent(40);
		assertThat(this.monitor.track("import")).isFalse();
		assertThat(this.warnings.count("memory")).isZero();
	}

	@Test
	void containerThresholdsAreConfigurable() {
		MemoryMonitor monitor = new MemoryMonitor(this.readings.heapUsedPercent(10).container(700, 1000),
				this.warnings, new MemoryThresholds(80, 95, 5), new ContainerThresholds(70, 90), 2);
		assertThat(monitor.track("import")).isTrue();
		assertThat(monitor.containerThresholds()).isEqualTo(new ContainerThresholds(70, 90));
	}

}
