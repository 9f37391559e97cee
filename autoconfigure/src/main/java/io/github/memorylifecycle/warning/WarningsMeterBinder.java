package io.github.memorylifecycle.warning;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the warnings journal to Micrometer: one counter {@code memory.lifecycle.warnings}, tagged by
 * {@code kind}, for every {@link WarningKind} — a fixed set, so the meter's cardinality is bounded. The counters read
 * the journal's own counts; nothing is copied.
 */
final class WarningsMeterBinder implements MeterBinder {

	private final LifecycleWarnings warnings;

	WarningsMeterBinder(LifecycleWarnings warnings) {
		this.warnings = warnings;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (WarningKind kind : WarningKind.values()) {
			FunctionCounter.builder("memory.lifecycle.warnings", this.warnings, (journal) -> journal.count(kind))
				.description("Warnings raised by memory-lifecycle since start, by kind")
				.baseUnit("warnings")
				.tag("kind", kind.id())
				.register(registry);
		}
	}

}
