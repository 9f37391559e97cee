package io.github.memorylifecycle.scheduling;

import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.WarningKind;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of the tracked timers: the live count, the failed runs and the growth warnings.
 */
final class SchedulingMeterBinder implements MeterBinder {

	private final TimerTracker tracker;

	private final LifecycleWarnings warnings;

	SchedulingMeterBinder(TimerTracker tracker, LifecycleWarnings warnings) {
		this.tracker = tracker;
		this.warnings = warnings;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("memory.lifecycle.scheduling.timers.live", this.tracker, TimerTracker::liveCount)
			.description("Timers scheduled and neither finished nor cancelled")
			.baseUnit("timers")
			.register(registry);
		FunctionCounter.builder("memory.lifecycle.scheduling.timers.failures", this.tracker, TimerTracker::failures)
			.description("Runs of tracked timers that threw an exception")
			.baseUnit("runs")
			.register(registry);
		FunctionCounter
			.builder("memory.lifecycle.scheduling.timers.growth.warnings", this.warnings,
					(journal) -> journal.count(WarningKind.TIMERS))
			.description("Warnings about live timers piling up from one call site (the same count as "
					+ "memory.lifecycle.warnings with kind=timers)")
			.baseUnit("warnings")
			.register(registry);
	}

}
