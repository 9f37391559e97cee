package io.github.memorylifecycle.scope;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.WebSessionStore;

/**
 * Puts the {@link ReactiveWebSessionCleanupRegistry} around the application's {@link WebSessionStore}: sessions it
 * hands out are wrapped in {@link ScopedWebSession}, whose {@code invalidate()} and {@code changeSessionId()} reach
 * the registry, as do removals and lookups that find a session gone. The store gets its own session objects back.
 */
final class ScopedWebSessionStore implements WebSessionStore {

	private final WebSessionStore delegate;

	private final ReactiveWebSessionCleanupRegistry registry;

	ScopedWebSessionStore(WebSessionStore delegate, ReactiveWebSessionCleanupRegistry registry) {
		this.delegate = delegate;
		this.registry = registry;
		registry.storeIs(delegate);
	}

	WebSessionStore delegate() {
		return this.delegate;
	}

	@Override
	public Mono<WebSession> createWebSession() {
		return this.delegate.createWebSession().map(this::wrap);
	}

	@Override
	public Mono<WebSession> retrieveSession(String sessionId) {
		return this.delegate.retrieveSession(sessionId)
			.map(this::wrap)
			.switchIfEmpty(Mono.fromRunnable(() -> this.registry.ended(sessionId))); // expired or removed
	}

	@Override
	public Mono<Void> removeSession(String sessionId) {
		return this.delegate.removeSession(sessionId).then(Mono.fromRunnable(() -> this.registry.ended(sessionId)));
	}

	@Override
	public Mono<WebSession> updateLastAccessTime(WebSession webSession) {
		return this.delegate.updateLastAccessTime(unwrap(webSession)).map(this::wrap);
	}

	private WebSession wrap(WebSession session) {
		return (session instanceof ScopedWebSession) ? session : new ScopedWebSession(session, this.registry);
	}

	private static WebSession unwrap(WebSession session) {
		return (session instanceof ScopedWebSession scoped) ? scoped.delegate() : session;
	}

	/**
	 * A session as the application sees it: the store's own, reporting its end and id changes to the registry.
	 */
	static final class ScopedWebSession implements WebSession {

		private final WebSession delegate;

		private final ReactiveWebSessionCleanupRegistry registry;

		ScopedWebSession(WebSession delegate, ReactiveWebSessionCleanupRegistry registry) {
			this.delegate = delegate;
			this.registry = registry;
		}

		WebSession delegate() {
			return this.delegate;
		}

		@Override
		public String getId() {
			return this.delegate.getId();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.delegate.getAttributes();
		}

		@Override
		public void start() {
			this.delegate.start();
		}

		@Override
		public boolean isStarted() {
			return this.delegate.isStarted();
		}

		@Override
		public Mono<Void> changeSessionId() {
			return Mono.defer(() -> {
				String oldId = this.delegate.getId();
				return this.delegate.changeSessionId()
					.then(Mono.fromRunnable(() -> this.registry.idChanged(oldId, this.delegate.getId())));
			});
		}

		@Override
		public Mono<Void> invalidate() {
			return Mono.defer(() -> {
				String id = this.delegate.getId();
				return this.delegate.invalidate().then(Mono.fromRunnable(() -> this.registry.ended(id)));
			});
		}

		@Override
		public Mono<Void> save() {
			return this.delegate.save().then(Mono.fromRunnable(() -> this.registry.saved(this.delegate.getId())));
		}

		@Override
		public boolean isExpired() {
			return this.delegate.isExpired();
		}

		@Override
		public Instant getCreationTime() {
			return this.delegate.getCreationTime();
		}

		@Override
		public Instant getLastAccessTime() {
			return this.delegate.getLastAccessTime();
		}

		@Override
		public void setMaxIdleTime(Duration maxIdleTime) {
			this.delegate.setMaxIdleTime(maxIdleTime);
		}

		@Override
		public Duration getMaxIdleTime() {
			return this.delegate.getMaxIdleTime();
		}

	}

}
