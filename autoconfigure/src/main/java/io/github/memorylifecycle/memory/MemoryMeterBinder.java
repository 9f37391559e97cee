package io.github.memorylifecycle.memory;

import java.time.Clock;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Binds what Micrometer's JVM and process meters lack: resident memory, the container's memory limit and working set
 * (neither Micrometer nor Spring Boot has a meter for the limit), and whether memory is critical, the figure behind
 * the {@code memoryLifecycle} health indicator.
 * <p>
 * A scrape reads the four gauges one after the other: they share one snapshot, taken again once it is a second old,
 * so a scrape reads the files behind them once. A figure that is unknown (no limit, not Linux) reads {@code NaN}.
 */
final class MemoryMeterBinder implements MeterBinder {

	private static final long SNAPSHOT_REUSE_MILLIS = 1000;

	private final MemoryStatus status;

	private final Clock clock;

	private volatile MemoryStatus.@Nullable Assessment last;

	private volatile long lastAt;

	MemoryMeterBinder(MemoryStatus status, Clock clock) {
		this.status = status;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		gauge(registry, "memory.lifecycle.memory.rss", "Resident set size of the process (Linux VmRSS)", "bytes",
				(assessment) -> bytes(assessment.snapshot().rss()));
		gauge(registry, "memory.lifecycle.memory.working.set",
				"Memory of the process's cgroup minus its inactive file cache, as the kubelet counts it", "bytes",
				(assessment) -> bytes(assessment.snapshot().workingSet()));
		gauge(registry, "memory.lifecycle.memory.container.limit",
				"Memory limit of the process's cgroup, where the kernel kills the process; NaN without a limit",
				"bytes", (assessment) -> bytes(assessment.snapshot().containerLimit()));
		gauge(registry, "memory.lifecycle.memory.critical",
				"1 while memory is critical and the memoryLifecycle health indicator reports DOWN, otherwise 0", null,
				(assessment) -> assessment.down() ? 1 : 0);
	}

	private void gauge(MeterRegistry registry, String name, String description, @Nullable String baseUnit,
			ToDoubleFunction<MemoryStatus.Assessment> figure) {
		Gauge.builder(name, this, (binder) -> figure.applyAsDouble(binder.recent()))
			.description(description)
			.baseUnit(baseUnit)
			.register(registry);
	}

	private MemoryStatus.Assessment recent() {
		long now = this.clock.millis();
		MemoryStatus.Assessment assessment = this.last;
		if (assessment == null || now - this.lastAt >= SNAPSHOT_REUSE_MILLIS || now < this.lastAt) {
			assessment = this.status.assess();
			this.last = assessment;
			this.lastAt = now;
		}
		return assessment;
	}

	private static double bytes(@Nullable Long value) {
		return (value != null) ? value : Double.NaN;
	}

}
