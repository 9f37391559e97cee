package io.github.memorylifecycle.scheduling;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of the tracked async work: the pending count, the work cancelled at the end of its scope, and the work
 * reported as stuck.
 */
final class AsyncMeterBinder implements MeterBinder {

	private final AsyncTracker tracker;

	AsyncMeterBinder(AsyncTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("memory.lifecycle.async.pending", this.tracker, AsyncTracker::liveCount)
			.description("Async tasks handed to an executor and not completed yet, queued or running")
			.baseUnit("tasks")
			.register(registry);
		FunctionCounter
			.builder("memory.lifecycle.async.cancelled", this.tracker, AsyncTracker::cancelledAtScopeEndCount)
			.description("Pending async tasks cancelled because the request, session or owner they were bound to ended")
			.baseUnit("tasks")
			.register(registry);
		FunctionCounter.builder("memory.lifecycle.async.stuck", this.tracker, AsyncTracker::reportedStuckCount)
			.description("Async tasks reported as pending for longer than memory.lifecycle.async.stuck-after")
			.baseUnit("tasks")
			.register(registry);
	}

}
