package io.github.memorylifecycle.meters;

import java.util.List;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.github.memorylifecycle.meters.MeterCardinalityWatcher.NameCardinality;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.WarningKind;

/**
 * The {@code meters} part of the endpoint: how many meters the registry holds, and the names that hold the most.
 */
final class MetersContributor implements MemoryLifecycleContributor {

	private final MeterCardinalityWatcher watcher;

	private final LifecycleWarnings warnings;

	MetersContributor(MeterCardinalityWatcher watcher, LifecycleWarnings warnings) {
		this.watcher = watcher;
		this.warnings = warnings;
	}

	@Override
	public String part() {
		return "meters";
	}

	@Override
	public int getOrder() {
		return 800;
	}

	@Override
	public Meters describe(int limit) {
		return new Meters(this.watcher.bound(), this.watcher.total(), this.watcher.names(), this.watcher.maxPerName(),
				this.warnings.count(WarningKind.METERS), this.watcher.untrackedMeters(), this.watcher.top(limit));
	}

	/**
	 * The {@code meters} part.
	 *
	 * @param watching whether a meter registry is watched (false without Spring Boot's metrics auto-configuration)
	 * @param meters meters in the registry
	 * @param names meter names that hold meters
	 * @param maxPerName meters one name may hold before a warning
	 * @param warnings warnings raised since start
	 * @param untrackedMeters meters under names past the number followed one by one
	 * @param top the names that hold the most meters, most first, at most the endpoint's limit
	 */
	record Meters(boolean watching, long meters, int names, int maxPerName, long warnings, long untrackedMeters,
			List<NameCardinality> top) {
	}

}
