package io.github.memorylifecycle.scope;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The live {@link CleanupStatistics} of the scope registries of the application, a bean for the features that follow
 * them from outside this package (the leak detector attributes heap growth to pending cleanups; the endpoint shows
 * them).
 */
public final class ScopeStatistics {

	private final ObjectProvider<StatisticsSource> sources;

	ScopeStatistics(ObjectProvider<StatisticsSource> sources) {
		this.sources = sources;
	}

	/**
	 * Returns the statistics of every scope whose registry the application defines: request, session, application
	 * and owner, when present. Registries the application replaced with its own are not included.
	 * @return the live statistics, one per scope
	 */
	public List<CleanupStatistics> all() {
		return this.sources.orderedStream().map(StatisticsSource::statistics).toList();
	}

}
