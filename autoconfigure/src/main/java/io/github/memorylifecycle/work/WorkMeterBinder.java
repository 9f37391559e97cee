package io.github.memorylifecycle.work;

import java.util.List;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The meters of one kind of tracked work, named by its adapter: a gauge of the live work read from the tracker, and
 * counters read from live counts. Meters read the live objects; nothing is copied.
 */
public final class WorkMeterBinder implements MeterBinder {

	private final WorkTracker<?> tracker;

	private final Meter live;

	private final List<Meter> counters;

	/**
	 * Creates a binder.
	 * @param tracker the tracker whose live work the gauge reads
	 * @param live the name, description and unit of the gauge; its reading is ignored
	 * @param counters the counters
	 */
	public WorkMeterBinder(WorkTracker<?> tracker, Meter live, List<Meter> counters) {
		this.tracker = tracker;
		this.live = live;
		this.counters = List.copyOf(counters);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(this.live.name(), this.tracker, WorkTracker::liveCount)
			.description(this.live.description())
			.baseUnit(this.live.unit())
			.register(registry);
		for (Meter counter : this.counters) {
			FunctionCounter.builder(counter.name(), counter.reading(), LongSupplier::getAsLong)
				.description(counter.description())
				.baseUnit(counter.unit())
				.register(registry);
		}
	}

	/**
	 * One meter.
	 *
	 * @param name its name
	 * @param description its description
	 * @param unit its base unit
	 * @param reading reads its count
	 */
	public record Meter(String name, String description, String unit, LongSupplier reading) {

		/**
		 * Describes the gauge of the live work, whose reading comes from the tracker.
		 * @param name its name
		 * @param description its description
		 * @param unit its base unit
		 * @return the meter
		 */
		public static Meter live(String name, String description, String unit) {
			return new Meter(name, description, unit, () -> 0);
		}

	}

}
