package io.github.memorylifecycle.scope;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Cleanups that run at the true end of a WebFlux exchange: once the response has been written, or the exchange
 * failed, or the client went away (the response was cancelled). Last registered first, exactly once. The reactive
 * counterpart of {@link RequestCleanupRegistry}; its figures are the endpoint's {@code registries.request}.
 * <pre class="code">
 * &#64;GetMapping("/report")
 * Mono&lt;String&gt; report(ServerWebExchange exchange) {
 *     Path scratch = Files.createTempFile("report", ".csv");
 *     exchanges.of(exchange).register("delete " + scratch, () -&gt; Files.deleteIfExists(scratch));
 *     return render(scratch);
 * }
 * </pre>
 */
public interface ExchangeCleanupRegistry {

	/**
	 * Returns the registry of an exchange.
	 * @param exchange an exchange served by this application (or one derived from it with {@code mutate()})
	 * @return its registry; registering costs nothing until the first cleanup
	 * @throws IllegalStateException if the exchange did not pass the starter's filter (a hand-made exchange)
	 */
	CleanupRegistry of(ServerWebExchange exchange);

	/**
	 * Returns the registry of the exchange being served, from the Reactor context of the calling pipeline.
	 * @return the registry, or an error signal of {@link IllegalStateException} outside an exchange
	 */
	Mono<CleanupRegistry> current();

}
