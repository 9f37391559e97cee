package io.github.memorylifecycle.leak;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import io.github.memorylifecycle.scope.CleanupStatistics;

/**
 * A {@link GrowthSource} that reads a live counter.
 *
 * @param name what is counted
 * @param counter reads the count
 */
record CountingGrowthSource(String name, LongSupplier counter) implements GrowthSource {

	@Override
	public long current() {
		return this.counter.getAsLong();
	}

	/**
	 * Returns the growth sources of the scope registries: pending cleanups and open scopes per scope.
	 * @param statistics the statistics of each scope
	 * @return the sources
	 */
	static List<GrowthSource> ofScopes(List<CleanupStatistics> statistics) {
		List<GrowthSource> sources = new ArrayList<>(statistics.size() * 2);
		for (CleanupStatistics scope : statistics) {
			sources.add(new CountingGrowthSource("pending " + scope.scope() + " cleanups", scope::pendingCleanups));
			sources.add(new CountingGrowthSource("open " + scope.scope() + " scopes", scope::activeScopes));
		}
		return sources;
	}

}
