package io.github.memorylifecycle.scope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The {@code registries} part of the endpoint: per scope, open scopes, pending cleanups, cleanups run and failed,
 * and owners collected without cleanup; for the session scope also how the ends of sessions are learned
 * ({@code container}, {@code events}, {@code sweep}) and the sweep's last run.
 */
final class RegistriesContributor implements MemoryLifecycleContributor {

	private final ScopeStatistics statistics;

	private final ObjectProvider<SessionEnds> sessionEnds;

	RegistriesContributor(ScopeStatistics statistics, ObjectProvider<SessionEnds> sessionEnds) {
		this.statistics = statistics;
		this.sessionEnds = sessionEnds;
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
	public Map<String, Object> describe(int limit) {
		Map<String, Object> scopes = new LinkedHashMap<>();
		for (CleanupStatistics scope : this.statistics.all()) {
			if ("session".equals(scope.scope())) {
				SessionEnds ends = this.sessionEnds.getIfAvailable();
				scopes.put(scope.scope(), new SessionScopeDescriptor(scope.activeScopes(), scope.pendingCleanups(),
						scope.cleanupsRun(), scope.cleanupsFailed(), (ends != null) ? ends.ends() : List.of("container"),
						(ends != null) ? ends.sweep() : null));
			}
			else {
				scopes.put(scope.scope(), new ScopeDescriptor(scope.activeScopes(), scope.pendingCleanups(),
						scope.cleanupsRun(), scope.cleanupsFailed(), scope.ownersCollectedWithoutCleanup()));
			}
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

	/**
	 * The figures of the session scope.
	 *
	 * @param activeScopes open sessions holding cleanups on this instance
	 * @param pendingCleanups cleanups waiting for their session to end
	 * @param cleanupsRun cleanups run, successfully or not
	 * @param failures cleanups that threw
	 * @param ends how this instance learns that a session ended: {@code container} (the servlet container's
	 * listeners), or for sessions kept by Spring Session {@code events} (the store's), {@code sweep}, both, or none
	 * @param sweep the sweep's last run and totals, {@code null} when this instance does not sweep
	 */
	record SessionScopeDescriptor(long activeScopes, long pendingCleanups, long cleanupsRun, long failures,
			List<String> ends, SessionEnds.@Nullable Sweep sweep) {
	}

}
