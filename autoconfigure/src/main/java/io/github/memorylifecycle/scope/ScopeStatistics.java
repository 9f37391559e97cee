package io.github.memorylifecycle.scope;

import java.util.List;

import org.springframework.context.ApplicationContext;

/**
 * Finds the live {@link CleanupStatistics} of the scope registries an application context holds, for features that
 * follow them from outside this package (the leak detector attributes heap growth to pending cleanups).
 */
public final class ScopeStatistics {

	private ScopeStatistics() {
	}

	/**
	 * Returns the statistics of every scope whose registry the context defines: request, session, application and
	 * owner, when present. Registries the application replaced with its own are not included.
	 * @param context the application context
	 * @return the live statistics, one per scope
	 */
	public static List<CleanupStatistics> of(ApplicationContext context) {
		return List.copyOf(ScopeAutoConfiguration.statistics(context));
	}

}
