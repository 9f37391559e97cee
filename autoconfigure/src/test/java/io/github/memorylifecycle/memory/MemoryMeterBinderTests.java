package io.github.memorylifecycle.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.memorylifecycle.testsupport.MutableClock;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryMeterBinderTests {

	private final StubMemoryReadings readings = new StubMemoryReadings().heapUsedPercent(50).afterGcPercent(40.0);

	private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));

	private final MemoryMonitor monitor = new MemoryMonitor(this.readings, new LifecycleWarnings(10, Clock.systemUTC()),
			new MemoryThresholds(80, 95, 5), 10);

	private final MeterRegistry registry = new SimpleMeterRegistry();

	@BeforeEach
	void bind() {
		new MemoryMeterBinder(new MemoryStatus(this.monitor, Duration.ZERO, this.clock), this.clock)
			.bindTo(this.registry);
	}

	@Test
	void gaugesShowResidentMemoryTheContainerLimitAndTheWorkingSet() {
		this.readings.container(600, 1000);
		assertThat(gauge("memory.lifecycle.memory.rss")).isEqualTo(600);
		assertThat(gauge("memory.lifecycle.memory.container.limit")).isEqualTo(1000);
		assertThat(gauge("memory.lifecycle.memory.working.set")).isEqualTo(900);
		assertThat(gauge("memory.lifecycle.memory.critical")).isZero();
		assertThat(this.registry.get("memory.lifecycle.memory.rss").gauge().getId().getBaseUnit()).isEqualTo("bytes");
	}

	@Test
	void withoutAContainerTheContainerGaugesAreNotANumber() {
		assertThat(gauge("memory.lifecycle.memory.rss")).isEqualTo(2000);
		assertThat(gauge("memory.lifecycle.memory.container.limit")).isNaN();
		assertThat(gauge("memory.lifecycle.memory.working.set")).isNaN();
	}

	@Test
	void criticalFollowsTheHealthDecisionOnceTheSharedSnapshotIsASecondOld() {
		assertThat(gauge("memory.lifecycle.memory.critical")).isZero();
		this.readings.container(960, 1000);
		assertThat(gauge("memory.lifecycle.memory.critical")).as("one snapshot per second").isZero();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(gauge("memory.lifecycle.memory.critical")).isOne();
		this.readings.container(500, 1000).afterGcPercent(96.0);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(gauge("memory.lifecycle.memory.critical")).as("the long-lived heap, too").isOne();
	}

	private double gauge(String name) {
		return this.registry.get(name).gauge().value();
	}

}
