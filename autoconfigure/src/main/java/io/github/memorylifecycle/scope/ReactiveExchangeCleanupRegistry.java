package io.github.memorylifecycle.scope;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.web.server.ServerWebExchange;

/**
 * The {@link ExchangeCleanupRegistry} of a WebFlux application. As an {@link HttpHandlerDecoratorFactory} it wraps
 * the whole HTTP handler — filters, handler, exception handlers and the final {@code setComplete()} — so that the
 * exchange's scope starts with it and ends when the server is done with it: on completion (the response written), on
 * error, or on cancel (the client went away). The scope travels in the Reactor context for {@link #current()}, and
 * in the exchange's attributes for {@link #of(ServerWebExchange)}: WebFlux creates the exchange while the wrapped
 * handler is called, and from then on the request the decorator was given reads and writes the exchange's attributes.
 * No {@link org.springframework.web.server.WebFilter} is needed for that, so none is added to every exchange's chain.
 * <p>
 * Where the request is replaced before the exchange is created (a {@code ForwardedHeaderTransformer}), the
 * exchange's attributes cannot be reached that way; {@link ExchangeScopeFilter} then copies the scope into them.
 */
final class ReactiveExchangeCleanupRegistry implements ExchangeCleanupRegistry, StatisticsSource,
		HttpHandlerDecoratorFactory, Ordered {

	private static final Log logger = LogFactory.getLog(ReactiveExchangeCleanupRegistry.class);

	static final String ATTRIBUTE = ExchangeScope.class.getName();

	private static final Class<ExchangeScope> CONTEXT_KEY = ScopedExchange.CONTEXT_KEY;

	private final CleanupStatistics statistics = new CleanupStatistics("request");

	private volatile boolean filtered;

	private final AtomicBoolean unreachableReported = new AtomicBoolean();

	@Override
	public HttpHandler apply(HttpHandler handler) {
		return (request, response) -> {
			ExchangeScope scope = new ExchangeScope(this.statistics);
			Mono<Void> handling = handler.handle(request, response);
			Map<String, Object> attributes = request.getAttributes();
			if (!attributes.isEmpty()) { // the exchange's: never empty, it holds the log id
				attributes.put(ATTRIBUTE, scope);
				return new ScopedExchange(handling, scope, false);
			}
			if (!this.filtered) {
				reportUnreachable();
			}
			return new ScopedExchange(handling, scope, this.filtered);
		};
	}

	/**
	 * Called by {@link ExchangeScopeFilter} when it is installed: it hands the scope to exchanges whose attributes the
	 * decorator cannot reach.
	 */
	void filtered() {
		this.filtered = true;
	}

	private void reportUnreachable() {
		if (this.unreachableReported.compareAndSet(false, true)) {
			logger.warn("memory-lifecycle cannot reach the attributes of WebFlux exchanges from its HTTP handler "
					+ "decorator (the request was replaced before the exchange was created, as a "
					+ "ForwardedHeaderTransformer does, or the exchange is created later than the handler is called): "
					+ "ExchangeCleanupRegistry.of(exchange) fails for such exchanges; current() still works. "
					+ "Define the ForwardedHeaderTransformer as a bean, or set server.forward-headers-strategy=framework, "
					+ "so that the starter adds a filter that hands the scope over");
		}
	}

	@Override
	public CleanupRegistry of(ServerWebExchange exchange) {
		ExchangeScope scope = exchange.getAttribute(ATTRIBUTE);
		if (scope == null) {
			throw new IllegalStateException("This exchange has no cleanup scope: it was not handled by the "
					+ "application's HTTP handler (an exchange made by hand, or a WebHttpHandlerBuilder without the "
					+ "application context), or its request was replaced before the exchange was created without "
					+ "memory-lifecycle's filter (see the warning logged at the first such exchange)");
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

	/**
	 * Returns the lowest precedence: the innermost decorator, next to WebFlux's own handler, so that a decorator of the
	 * application that replaces the request does so before this one sees it, and the request this one holds is the
	 * one whose exchange WebFlux creates.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public CleanupStatistics statistics() {
		return this.statistics;
	}

}
