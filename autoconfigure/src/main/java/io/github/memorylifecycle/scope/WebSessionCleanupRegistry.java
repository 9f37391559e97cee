package io.github.memorylifecycle.scope;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Cleanups that run when a WebFlux {@code WebSession} ends: invalidated, expired (WebFlux's in-memory store expires
 * sessions without telling anyone: the starter finds them), or removed from its store (a reactive Spring Session
 * store included). An id change keeps them. The reactive counterpart of {@link SessionCleanupRegistry}; its figures
 * are the endpoint's {@code registries.session}.
 */
public interface WebSessionCleanupRegistry {

	/**
	 * Returns the registry of the exchange's session, starting the session if it was not (so that it is saved and
	 * its end can come).
	 * @param exchange the exchange
	 * @return the registry of its session
	 */
	Mono<CleanupRegistry> of(ServerWebExchange exchange);

}
