package io.github.memorylifecycle.scope;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The {@link ExchangeCleanupRegistry} of a WebFlux application. Two hooks, because no single one sees both the
 * exchange and its true end (see {@link ScopedExchange}):
 * <ul>
 * <li>as an {@link HttpHandlerDecoratorFactory} it wraps the whole HTTP handler — filters, handler, exception
 * handlers and the final {@code setComplete()} — so that the exchange's scope starts with it and ends when the server
 * is done with it: on completion (the response written), on error, or on cancel (the client went away). The scope
 * travels in the Reactor context;</li>
 * <li>as a {@link WebFilter}, first of all filters, it copies the scope into the exchange's attributes for
 * {@link #of(ServerWebExchange)}.</li>
 * </ul>
 */
final class ReactiveExchangeCleanupRegistry
		implements ExchangeCleanupRegistry, StatisticsSource, HttpHandlerDecoratorFactory, WebFilter, Ordered {

	static final String ATTRIBUTE = ExchangeScope.class.getName();

	/**
	 * What {@link #toString()} returns: WebFlux's filter chain names each filter in a Reactor checkpoint for every
	 * exchange by calling it, and {@code Object.toString()} would build a new string each time (about 200 bytes).
	 */
	static final String NAME = "memory-lifecycle exchange scope";

	private static final Class<ExchangeScope> CONTEXT_KEY = ScopedExchange.CONTEXT_KEY;

	private final CleanupStatistics statistics = new CleanupStatistics("request");

	@Override
	public HttpHandler apply(HttpHandler handler) {
		return (request, response) -> new ScopedExchange(handler.handle(request, response), this.statistics);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ExchangeScope subscribing = ScopedExchange.SUBSCRIBING.get();
		if (subscribing != null) { // the usual case: filters run within the server's subscribe call
			exchange.getAttributes().put(ATTRIBUTE, subscribing);
			return chain.filter(exchange);
		}
		return Mono.deferContextual((context) -> {
			ExchangeScope scope = context.getOrDefault(CONTEXT_KEY, null);
			if (scope != null) {
				exchange.getAttributes().put(ATTRIBUTE, scope);
			}
			return chain.filter(exchange);
		});
	}

	@Override
	public CleanupRegistry of(ServerWebExchange exchange) {
		ExchangeScope scope = exchange.getAttribute(ATTRIBUTE);
		if (scope == null) {
			throw new IllegalStateException("This exchange did not pass memory-lifecycle's WebFilter (an exchange "
					+ "made by hand, or a WebHttpHandlerBuilder without the application context): it has no cleanup scope");
		}
		return scope;
	}

	@Override
	public Mono<CleanupRegistry> current() {
		return Mono.deferContextual((context) -> {
			ExchangeScope scope = context.getOrDefault(CONTEXT_KEY, null);
			return (scope != null) ? Mono.just(scope)
					: Mono.error(new IllegalStateException("No WebFlux exchange in the Reactor context: call "
							+ "ExchangeCleanupRegistry.current() within the pipeline that serves the exchange"));
		});
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE; // first of the filters: every later one, and the handler, may call of()
	}

	@Override
	public CleanupStatistics statistics() {
		return this.statistics;
	}

	@Override
	public String toString() {
		return NAME;
	}

}
