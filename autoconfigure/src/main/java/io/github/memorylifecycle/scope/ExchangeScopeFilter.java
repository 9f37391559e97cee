package io.github.memorylifecycle.scope;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Copies the exchange's scope into its attributes, for {@link ExchangeCleanupRegistry#of(ServerWebExchange)}, where
 * {@link ReactiveExchangeCleanupRegistry}'s decorator cannot: installed only when a {@code ForwardedHeaderTransformer}
 * replaces the request before WebFlux creates the exchange. First of all filters, so that every later one, and the
 * handler, may call {@code of(exchange)}.
 */
final class ExchangeScopeFilter implements WebFilter, Ordered {

	/**
	 * What {@link #toString()} returns: WebFlux's filter chain names each filter in a Reactor checkpoint for every
	 * exchange by calling it, and {@code Object.toString()} would build a new string each time (about 200 bytes).
	 */
	static final String NAME = "memory-lifecycle exchange scope";

	ExchangeScopeFilter(ReactiveExchangeCleanupRegistry registry) {
		registry.filtered();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getAttribute(ReactiveExchangeCleanupRegistry.ATTRIBUTE) != null) {
			return chain.filter(exchange); // the decorator reached the attributes
		}
		ExchangeScope subscribing = ScopedExchange.SUBSCRIBING.get();
		if (subscribing != null) { // the usual case: filters run within the server's subscribe call
			exchange.getAttributes().put(ReactiveExchangeCleanupRegistry.ATTRIBUTE, subscribing);
			return chain.filter(exchange);
		}
		return Mono.deferContextual((context) -> {
			ExchangeScope scope = context.getOrDefault(ScopedExchange.CONTEXT_KEY, null);
			if (scope != null) {
				exchange.getAttributes().put(ReactiveExchangeCleanupRegistry.ATTRIBUTE, scope);
			}
			return chain.filter(exchange);
		});
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public String toString() {
		return NAME;
	}

}
