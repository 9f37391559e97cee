package io.github.memorylifecycle.scope;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionStore;

/**
 * The {@link WebSessionCleanupRegistry} of a WebFlux application. It hears of invalidation, removal and id changes
 * through {@link ScopedWebSessionStore}, which the starter puts around the application's session store; expiry,
 * which no store announces, is found by the {@link SessionSweep} this registry serves: WebFlux's in-memory sessions
 * are asked whether they expired (without touching them), other stores whether they still have the session.
 */
final class ReactiveWebSessionCleanupRegistry implements WebSessionCleanupRegistry, StatisticsSource {

	private static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);

	private final CleanupStatistics statistics = new CleanupStatistics("session");

	private final SessionScopes sessions = new SessionScopes(this.statistics);

	private volatile WebSessionStore store;

	@Override
	public Mono<CleanupRegistry> of(ServerWebExchange exchange) {
		return exchange.getSession().map(this::of);
	}

	CleanupRegistry of(WebSession session) {
		if (!session.isStarted()) {
			session.start();
		}
		SessionScopes.Scope scope = this.sessions.open(session.getId());
		scope.session = (session instanceof ScopedWebSessionStore.ScopedWebSession scoped) ? scoped.delegate() : session;
		return scope.stack;
	}

	void storeIs(WebSessionStore store) {
		this.store = store;
	}

	int ended(String id) {
		return this.sessions.end(id);
	}

	void idChanged(String oldId, String newId) {
		this.sessions.idChanged(oldId, newId);
	}

	void saved(String id) {
		this.sessions.stored(id);
	}

	List<String> sessionIds() {
		return this.sessions.ids();
	}

	void close() {
		this.sessions.close();
	}

	@Override
	public CleanupStatistics statistics() {
		return this.statistics;
	}

	/**
	 * The sessions of this registry as a sweep sees them.
	 * @return the swept sessions
	 */
	SweptSessions swept() {
		return new SweptSessions() {

			@Override
			public String store() {
				WebSessionStore current = ReactiveWebSessionCleanupRegistry.this.store;
				return (current != null) ? current.getClass().getName() : "no WebSessionStore";
			}

			@Override
			public boolean storePublishesEvents() {
				return false;
			}

			@Override
			public List<String> sessionIds() {
				return ReactiveWebSessionCleanupRegistry.this.sessionIds();
			}

			@Override
			public boolean exists(String id) {
				SessionScopes.Scope scope = ReactiveWebSessionCleanupRegistry.this.sessions.get(id);
				if (scope == null) {
					return false;
				}
				WebSessionStore current = ReactiveWebSessionCleanupRegistry.this.store;
				if (current == null || current instanceof InMemoryWebSessionStore) {
					// its sessions are the store's own objects: ask them (retrieving would extend their life)
					return scope.session instanceof WebSession session && !session.isExpired();
				}
				return Boolean.TRUE.equals(current.retrieveSession(id).hasElement().block(STORE_TIMEOUT));
			}

			@Override
			public void found(String id) {
				saved(id);
			}

			@Override
			public int missing(String id, int missesBeforeEnd) {
				WebSessionStore current = ReactiveWebSessionCleanupRegistry.this.store;
				return ReactiveWebSessionCleanupRegistry.this.sessions.missing(id,
						(current == null || current instanceof InMemoryWebSessionStore) ? 1 : missesBeforeEnd);
			}

		};
	}

}
