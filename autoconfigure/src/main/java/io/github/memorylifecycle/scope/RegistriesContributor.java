package io.github.memorylifecycle.scope;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;

/**
 * The {@code registries} part of the endpoint: per scope, open scopes, pending cleanups, cleanups run and failed,
 * and owners collected without cleanup.
 */
final class RegistriesContributor implements MemoryLifecycleContributor {

	private final ScopeStatistics statistics;

	RegistriesContributor(ScopeStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public String part() {
		return "registries";
	}

	@Override
	public int getOrder() {
		return 400;
	}

	@Override
	public Map<String, ScopeDescriptor> describe(int limit) {
		Map<String, ScopeDescriptor> scopes = new LinkedHashMap<>();
		for (CleanupStatistics scope : this.statistics.all()) {
			scopes.put(scope.scope(), new ScopeDescriptor(scope.activeScopes(), scope.pendingCleanups(),
					scope.cleanupsRun(), scope.cleanupsFailed(), scope.ownersCollectedWithoutCleanup()));
		}
		return scopes;
	}

	/**
	 * The figures of one scope.
	 *
	 * @param activeScopes open scopes holding cleanups
	 * @param pendingCleanups cleanups waiting for their scope to end
	 * @param cleanupsRun cleanups run, successfully or not
	 * @param failures cleanups that threw
	 * @param ownersCollectedWithoutCleanup owners collected before cleanup (owner scope only)
	 */
	record ScopeDescriptor(long activeScopes, long pendingCleanups, long cleanupsRun, long failures,
			long ownersCollectedWithoutCleanup) {
	}

}
