package io.github.memorylifecycle.events;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the listener tracker to Micrometer: the live runtime listeners and the too-many-listeners warnings raised.
 * Meters read the live tracker; nothing is copied.
 */
final class ListenersMeterBinder implements MeterBinder {

	private final ListenerTracker tracker;

	ListenersMeterBinder(ListenerTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("memory.lifecycle.listeners.live", this.tracker, ListenerTracker::liveCount)
			.description("Event listeners added at run time and not removed yet")
			.baseUnit("listeners")
			.register(registry);
		FunctionCounter.builder("memory.lifecycle.listeners.warnings", this.tracker, ListenerTracker::warnings)
			.description("Warnings that one event type holds too many listeners added at run time")
			.baseUnit("warnings")
			.register(registry);
	}

}
