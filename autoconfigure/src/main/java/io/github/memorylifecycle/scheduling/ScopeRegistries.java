package io.github.memorylifecycle.scheduling;

import io.github.memorylifecycle.scope.CleanupRegistry;
import io.github.memorylifecycle.scope.OwnerCleanupRegistry;
import io.github.memorylifecycle.scope.RequestCleanupRegistry;
import io.github.memorylifecycle.scope.SessionCleanupRegistry;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The scope registries that tracked schedulers and executors bind work to; each may be absent (no servlet web
 * application, a standalone scheduler).
 *
 * @param request the request registry, or {@code null}
 * @param session the session registry, or {@code null}
 * @param owners the owner registry, or {@code null}
 */
record ScopeRegistries(RequestCleanupRegistry request, SessionCleanupRegistry session, OwnerCleanupRegistry owners) {

	static final ScopeRegistries NONE = new ScopeRegistries(null, null, null);

	static ScopeRegistries of(ObjectProvider<RequestCleanupRegistry> request,
			ObjectProvider<SessionCleanupRegistry> session, ObjectProvider<OwnerCleanupRegistry> owners) {
		return new ScopeRegistries(request.getIfAvailable(), session.getIfAvailable(), owners.getIfAvailable());
	}

	CleanupRegistry currentRequest() {
		if (this.request == null) {
			throw new IllegalStateException("No RequestCleanupRegistry: binding to the request needs a servlet web "
					+ "application with memory-lifecycle's request scope");
		}
		return this.request.current();
	}

	CleanupRegistry currentSession() {
		if (this.session == null) {
			throw new IllegalStateException("No SessionCleanupRegistry: binding to the session needs a servlet web "
					+ "application with memory-lifecycle's session scope");
		}
		return this.session.current();
	}

}
