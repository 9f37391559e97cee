package io.github.memorylifecycle.meters;

import java.time.Clock;

import io.github.memorylifecycle.meters.MeterCardinalityWatcher.NameCardinality;
import io.github.memorylifecycle.warning.LifecycleWarning;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.WarningKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MeterCardinalityWatcherTests {

	private final LifecycleWarnings warnings = new LifecycleWarnings(100, Clock.systemUTC());

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final MeterCardinalityWatcher watcher = new MeterCardinalityWatcher(1000,
			new CardinalityWarnings(this.warnings));

	@Test
	void aCounterTaggedByTenThousandIdsWarnsPastTheLimitAndAtEachDoubling() {
		this.watcher.bindTo(this.registry);
		for (int id = 0; id < 10_000; id++) {
			Counter.builder("orders.placed").tag("customer", "customer-" + id).tag("region", "eu").register(this.registry)
				.increment();
		}
		assertThat(this.warnings.count(WarningKind.METERS)).as("at 1001, 2002, 4004 and 8008 meters").isEqualTo(4);
		assertThat(this.warnings.recent()).map(LifecycleWarning::message)
			.satisfiesExactly(
					(message) -> assertThat(message).startsWith("Meter 'orders.placed' has 1001 meters")
						.contains("more than the limit of 1000 (memory.lifecycle.meters.max-per-name)",
								"its tag 'customer' has 1001 distinct values", "MeterFilter.maximumAllowableTags"),
					(message) -> assertThat(message).contains("has 2002 meters", "'customer' has 2002 distinct"),
					(message) -> assertThat(message).contains("has 4004 meters"),
					(message) -> assertThat(message).contains("has 8008 meters"));
		assertThat(this.watcher.top(1)).containsExactly(new NameCardinality("orders.placed", 10_000));
		assertThat(this.watcher.total()).isEqualTo(10_002).as("with the watcher's own two gauges");
		assertThat(this.registry.get("memory.lifecycle.meters.largest").gauge().value()).isEqualTo(10_000);
	}

	@Test
	void metersRegisteredBeforeBindingAreCounted() {
		for (int id = 0; id < 1001; id++) {
			this.registry.counter("sessions.opened", "session", "s" + id);
		}
		this.watcher.bindTo(this.registry);
		assertThat(this.watcher.top(10)).contains(new NameCardinality("sessions.opened", 1001));
		assertThat(this.warnings.recent()).as("warned at binding: already past the limit")
			.singleElement()
			.satisfies((warning) -> assertThat(warning.message()).contains("has 1001 meters"));
		this.registry.counter("sessions.opened", "session", "s-last");
		assertThat(this.watcher.top(1)).containsExactly(new NameCardinality("sessions.opened", 1002));
		assertThat(this.warnings.count(WarningKind.METERS)).as("the next warning comes at 2002").isEqualTo(1);
	}

	@Test
	void removingMetersCountsDownAndRearmsTheWarning() {
		this.watcher.bindTo(this.registry);
		for (int id = 0; id < 1001; id++) {
			this.registry.counter("jobs", "job", "j" + id);
		}
		assertThat(this.warnings.count(WarningKind.METERS)).isEqualTo(1);
		for (Meter meter : this.registry.find("jobs").meters()) {
			this.registry.remove(meter);
		}
		assertThat(this.watcher.top(10)).extracting(NameCardinality::name).doesNotContain("jobs");
		for (int id = 0; id < 1001; id++) {
			this.registry.counter("jobs", "job", "again" + id);
		}
		assertThat(this.warnings.count(WarningKind.METERS)).as("warned again after falling back").isEqualTo(2);
	}

	@Test
	void namesAreListedMostMetersFirst() {
		this.watcher.bindTo(this.registry);
		this.registry.counter("a", "k", "1");
		this.registry.counter("b", "k", "1");
		this.registry.counter("b", "k", "2");
		assertThat(this.watcher.top(2)).containsExactly(new NameCardinality("b", 2), new NameCardinality("a", 1));
		assertThat(this.watcher.names()).isEqualTo(4).as("a, b and the watcher's two gauges");
	}

	@Test
	void namesPastTheCapAreCountedTogetherWithOneWarning() {
		this.watcher.bindTo(this.registry);
		for (int name = 0; name < MeterCardinalityWatcher.MAX_NAMES + 5; name++) {
			this.registry.counter("generated.name." + name);
		}
		assertThat(this.watcher.untrackedMeters()).isEqualTo(5 + 2);
		assertThat(this.watcher.total()).isEqualTo(MeterCardinalityWatcher.MAX_NAMES + 5 + 2);
		assertThat(this.warnings.recent()).singleElement()
			.satisfies((warning) -> assertThat(warning.message()).contains("more than 10000 meter names"));
	}

	@Test
	void watchesOnlyTheFirstRegistryItIsBoundTo() {
		this.watcher.bindTo(this.registry);
		SimpleMeterRegistry other = new SimpleMeterRegistry();
		this.watcher.bindTo(other);
		other.counter("elsewhere");
		assertThat(this.watcher.top(10)).extracting(NameCardinality::name).doesNotContain("elsewhere");
		assertThat(other.find("memory.lifecycle.meters.largest").meter()).isNull();
	}

	@Test
	void countsNothingOnceClosed() {
		this.watcher.bindTo(this.registry);
		long before = this.watcher.total();
		this.watcher.close();
		this.registry.counter("after.close");
		assertThat(this.watcher.total()).isEqualTo(before);
	}

}
