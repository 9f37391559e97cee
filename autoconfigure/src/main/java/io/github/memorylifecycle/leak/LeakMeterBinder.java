package io.github.memorylifecycle.leak;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds leak detection to Micrometer: retained suspects by kind, watched and dropped objects, and the heap-growth
 * trend. Gauges read the live counters; a kind seen for the first time after binding gets its gauge then.
 */
final class LeakMeterBinder implements MeterBinder {

	/**
	 * Kinds whose gauge exists from the start, at zero.
	 */
	static final List<String> KNOWN_KINDS = List.of(LeakWatcher.USER, OwnerCleanupLeakListener.KIND, "request",
			"session");

	private final LeakWatcher watcher;

	private final HeapGrowthMonitor heapGrowth;

	LeakMeterBinder(LeakWatcher watcher, HeapGrowthMonitor heapGrowth) {
		this.watcher = watcher;
		this.heapGrowth = heapGrowth;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (this.watcher instanceof WeakReferenceLeakWatcher own) {
			LeakSuspects suspects = own.suspectStore();
			KNOWN_KINDS.forEach(suspects::retained);
			suspects.onKind((kind) -> Gauge.builder("memory.lifecycle.leak.suspects", suspects.retained(kind),
					AtomicLong::get)
				.description("Watched objects still reachable after their scope ended, the delay and an"
						+ " old-generation collection")
				.tag("kind", kind)
				.register(registry));
			Gauge.builder("memory.lifecycle.leak.watched", own, WeakReferenceLeakWatcher::waiting)
				.description("Sampled objects whose scope ended, waiting to be collected")
				.register(registry);
			FunctionCounter.builder("memory.lifecycle.leak.dropped", own, WeakReferenceLeakWatcher::dropped)
				.description("Sampled objects not watched because memory.lifecycle.leak.max-watched was reached")
				.register(registry);
		}
		if (this.heapGrowth != null) {
			Gauge.builder("memory.lifecycle.leak.heap.growth", this.heapGrowth, HeapGrowthMonitor::slope)
				.description("Rise of the long-lived heap floor after old-generation collections, per minute"
						+ " (Theil-Sen slope over the window)")
				.baseUnit("bytes")
				.register(registry);
			Gauge.builder("memory.lifecycle.leak.heap.growth.alarm", this.heapGrowth,
					(monitor) -> monitor.alarm() ? 1 : 0)
				.description("1 while the long-lived heap floor rises faster than the threshold, otherwise 0")
				.register(registry);
		}
	}

}
