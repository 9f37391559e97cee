package io.github.memorylifecycle.scope;

import java.util.List;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the counters of every scope to Micrometer: cleanups run by outcome, pending cleanups, open scopes and owners
 * collected without cleanup. Meters read the live {@link CleanupStatistics}; nothing is copied.
 */
final class ScopeMeterBinder implements MeterBinder {

	private final List<CleanupStatistics> statistics;

	ScopeMeterBinder(List<CleanupStatistics> statistics) {
		this.statistics = statistics;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (CleanupStatistics scope : this.statistics) {
			FunctionCounter.builder("memory.lifecycle.scope.cleanups", scope, CleanupStatistics::cleanupsSucceeded)
				.description("Cleanups run at the end of a scope or early")
				.tags("scope", scope.scope(), "outcome", "success")
				.register(registry);
			FunctionCounter.builder("memory.lifecycle.scope.cleanups", scope, CleanupStatistics::cleanupsFailed)
				.description("Cleanups run at the end of a scope or early")
				.tags("scope", scope.scope(), "outcome", "failure")
				.register(registry);
			Gauge.builder("memory.lifecycle.scope.cleanups.pending", scope, CleanupStatistics::pendingCleanups)
				.description("Cleanups waiting for the end of their scope")
				.tag("scope", scope.scope())
				.register(registry);
			Gauge.builder("memory.lifecycle.scope.active", scope, CleanupStatistics::activeScopes)
				.description("Open scopes that hold or held cleanups")
				.tag("scope", scope.scope())
				.register(registry);
			if ("owner".equals(scope.scope())) {
				FunctionCounter
					.builder("memory.lifecycle.scope.owners.collected", scope,
							CleanupStatistics::ownersCollectedWithoutCleanup)
					.description("Owners garbage-collected before anyone cleaned them up; their cleanups still ran")
					.register(registry);
			}
		}
	}

}
