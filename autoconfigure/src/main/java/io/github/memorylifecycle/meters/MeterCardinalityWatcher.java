package io.github.memorylifecycle.meters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.github.memorylifecycle.warning.DoublingThreshold;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Counts the meters of the application's {@link MeterRegistry} by name, as they are registered and removed, and
 * warns when one name holds more than the limit, again each time its count doubles ({@link DoublingThreshold}): a tag
 * whose values are user ids, raw URIs or free text makes the registry grow without end, a leak of the same family
 * as the others.
 * <p>
 * Built on the registry's own {@code onMeterAdded}/{@code onMeterRemoved} callbacks: counting costs a map update
 * per new meter and nothing per recording, with no thread and no scan. Micrometer's
 * {@code HighCardinalityTagsDetector} was the other candidate; it scans every meter on a thread of its own (every
 * five minutes by default), reports only the first name above its threshold and warns once, so it gives neither the
 * counts per name the endpoint lists nor a warning per name that comes back as the count doubles. The warning
 * message names the tag with the most distinct values and points at Micrometer's {@code MeterFilter} to bound it.
 * <p>
 * Bound to one registry, the first one Spring Boot binds it to (the composite one when there are several).
 * Registries have no way to remove their callbacks: after {@link #close()} they do nothing.
 */
final class MeterCardinalityWatcher implements MeterBinder, AutoCloseable {

	/**
	 * Meter names followed one by one; further names are only counted together.
	 */
	static final int MAX_NAMES = 10_000;

	private static final Log logger = LogFactory.getLog(MeterCardinalityWatcher.class);

	private final int maxPerName;

	private final CardinalityWarnings warnings;

	private final Map<String, NameCount> counts = new ConcurrentHashMap<>();

	private final AtomicLong untrackedMeters = new AtomicLong();

	private final AtomicReference<@Nullable MeterRegistry> registry = new AtomicReference<>();

	private volatile @Nullable Set<Meter.Id> addedWhileBinding;

	private volatile boolean closed;

	MeterCardinalityWatcher(int maxPerName, CardinalityWarnings warnings) {
		this.maxPerName = maxPerName;
		this.warnings = warnings;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (!this.registry.compareAndSet(null, registry)) {
			logger.debug("Meter cardinality is already watched in " + this.registry.get() + "; not in " + registry);
			return;
		}
		Set<Meter.Id> addedWhileBinding = ConcurrentHashMap.newKeySet();
		this.addedWhileBinding = addedWhileBinding;
		registry.config().onMeterAdded(this::added).onMeterRemoved(this::removed);
		// meters that exist already; those the callback saw meanwhile are counted once
		registry.forEachMeter((meter) -> {
			if (!addedWhileBinding.contains(meter.getId())) {
				count(meter.getId(), registry);
			}
		});
		this.addedWhileBinding = null;
		Gauge.builder("memory.lifecycle.meters.registered", this, MeterCardinalityWatcher::total)
			.description("Meters in the application's meter registry")
			.baseUnit("meters")
			.register(registry);
		Gauge.builder("memory.lifecycle.meters.largest", this, MeterCardinalityWatcher::largest)
			.description("Meters under the one name that has the most: grows without end when a tag is unbounded")
			.baseUnit("meters")
			.register(registry);
	}

	private void added(Meter meter) {
		MeterRegistry registry = this.registry.get();
		if (this.closed || registry == null) {
			return;
		}
		Set<Meter.Id> addedWhileBinding = this.addedWhileBinding;
		if (addedWhileBinding != null) {
			addedWhileBinding.add(meter.getId());
		}
		count(meter.getId(), registry);
	}

	private void count(Meter.Id id, MeterRegistry registry) {
		String name = id.getName();
		NameCount count = this.counts.get(name);
		if (count == null) {
			if (this.counts.size() >= MAX_NAMES) {
				if (this.untrackedMeters.getAndIncrement() == 0) {
					this.warnings.tooManyNames(MAX_NAMES);
				}
				return;
			}
			count = this.counts.computeIfAbsent(name, (key) -> new NameCount(this.maxPerName));
		}
		long meters = count.meters.incrementAndGet();
		if (count.threshold.shouldWarn(meters)) {
			this.warnings.tooManyMeters(id, meters, this.maxPerName, registry);
		}
	}

	private void removed(Meter meter) {
		if (this.closed) {
			return;
		}
		NameCount count = this.counts.get(meter.getId().getName());
		if (count != null) {
			// entries stay at zero rather than leave: an add racing a removal never counts into a dropped entry
			count.threshold.shouldWarn(count.meters.updateAndGet((meters) -> Math.max(0, meters - 1)));
		}
		else if (this.untrackedMeters.get() > 0) {
			this.untrackedMeters.updateAndGet((meters) -> Math.max(0, meters - 1));
		}
	}

	/**
	 * Returns the names with the most meters, most first.
	 * @param limit how many names at most
	 * @return name and count, for names that hold meters
	 */
	List<NameCardinality> top(int limit) {
		List<NameCardinality> names = new ArrayList<>();
		this.counts.forEach((name, count) -> {
			long meters = count.meters.get();
			if (meters > 0) {
				names.add(new NameCardinality(name, meters));
			}
		});
		names.sort(Comparator.comparingLong(NameCardinality::meters).reversed().thenComparing(NameCardinality::name));
		return (names.size() > limit) ? List.copyOf(names.subList(0, limit)) : names;
	}

	/**
	 * Returns how many names hold meters.
	 * @return the count
	 */
	int names() {
		int names = 0;
		for (NameCount count : this.counts.values()) {
			if (count.meters.get() > 0) {
				names++;
			}
		}
		return names;
	}

	long total() {
		long total = this.untrackedMeters.get();
		for (NameCount count : this.counts.values()) {
			total += count.meters.get();
		}
		return total;
	}

	long largest() {
		long largest = 0;
		for (NameCount count : this.counts.values()) {
			largest = Math.max(largest, count.meters.get());
		}
		return largest;
	}

	long untrackedMeters() {
		return this.untrackedMeters.get();
	}

	int maxPerName() {
		return this.maxPerName;
	}

	boolean bound() {
		return this.registry.get() != null;
	}

	@Override
	public void close() {
		this.closed = true;
	}

	/**
	 * The meters of one name and when they deserve a warning.
	 */
	private static final class NameCount {

		private final AtomicLong meters = new AtomicLong();

		private final DoublingThreshold threshold;

		NameCount(int limit) {
			this.threshold = new DoublingThreshold(limit);
		}

	}

	/**
	 * How many meters one name holds.
	 *
	 * @param name the meter name
	 * @param meters the meters registered under it
	 */
	record NameCardinality(String name, long meters) {
	}

}
