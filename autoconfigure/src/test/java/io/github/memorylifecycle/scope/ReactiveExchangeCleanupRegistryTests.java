package io.github.memorylifecycle.scope;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.handler.DefaultWebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the exchange scope reaches {@code of(exchange)}: through the exchange's attributes, which the decorator writes
 * through the request once WebFlux created the exchange, without a filter, also behind an application's decorator
 * that replaces the request (the scope's decorator is the innermost); through {@link ExchangeScopeFilter} where a
 * {@link ForwardedHeaderTransformer} replaced the request first; and a clear failure where neither could.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReactiveExchangeCleanupRegistryTests {

	private final ReactiveExchangeCleanupRegistry registry = new ReactiveExchangeCleanupRegistry();

	private final List<String> ran = new CopyOnWriteArrayList<>();

	private final List<Throwable> failures = new CopyOnWriteArrayList<>();

	private final WebHandler registering = (exchange) -> {
		try {
			this.registry.of(exchange).register("handler's", () -> this.ran.add("handler's"));
		}
		catch (IllegalStateException ex) {
			this.failures.add(ex);
		}
		return Mono.empty();
	};

	@Test
	void theDecoratorHandsTheScopeToTheExchangeWithoutAFilter() {
		HttpHandler handler = WebHttpHandlerBuilder.webHandler(this.registering).httpHandlerDecorator(this.registry).build();
		handle(handler);
		assertThat(this.failures).isEmpty();
		assertThat(this.ran).containsExactly("handler's");
		assertThat(this.registry.statistics().activeScopes()).isZero();
	}

	@Test
	void anApplicationDecoratorThatReplacesTheRequestRunsOutsideTheScopesDecorator() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.registerBean(WebHttpHandlerBuilder.WEB_HANDLER_BEAN_NAME, WebHandler.class, () -> this.registering);
			context.registerBean("replacingDecorator", HttpHandlerDecoratorFactory.class,
					() -> (handler) -> (request, response) -> handler.handle(request.mutate().build(), response));
			context.registerBean(ReactiveExchangeCleanupRegistry.class, () -> this.registry);
			context.refresh();
			handle(WebHttpHandlerBuilder.applicationContext(context).build());
		}
		assertThat(this.failures).isEmpty();
		assertThat(this.ran).containsExactly("handler's");
	}

	@Test
	void behindAForwardedHeaderTransformerTheFilterHandsTheScopeOver() {
		ExchangeScopeFilter filter = new ExchangeScopeFilter(this.registry);
		HttpHandler handler = WebHttpHandlerBuilder.webHandler(this.registering)
			.filter(filter)
			.forwardedHeaderTransformer(new ForwardedHeaderTransformer())
			.httpHandlerDecorator(this.registry)
			.build();
		handle(handler);
		assertThat(this.failures).isEmpty();
		assertThat(this.ran).containsExactly("handler's");
	}

	@Test
	void behindAForwardedHeaderTransformerWithoutTheFilterOfFailsClearlyAndAWarningSaysWhy(CapturedOutput output) {
		HttpHandler handler = WebHttpHandlerBuilder.webHandler(this.registering)
			.forwardedHeaderTransformer(new ForwardedHeaderTransformer())
			.httpHandlerDecorator(this.registry)
			.build();
		handle(handler);
		handle(handler);
		assertThat(this.ran).isEmpty();
		assertThat(this.failures).hasSize(2)
			.allSatisfy((failure) -> assertThat(failure).hasMessageContaining("This exchange has no cleanup scope"));
		assertThat(output).containsOnlyOnce("memory-lifecycle cannot reach the attributes of WebFlux exchanges")
			.contains("server.forward-headers-strategy=framework");
	}

	@Test
	void theFilterNamesItselfWithOneConstantStringSinceTheFilterChainAsksForEveryExchange() {
		ExchangeScopeFilter filter = new ExchangeScopeFilter(this.registry);
		assertThat(filter.toString()).isSameAs(filter.toString()).isSameAs(ExchangeScopeFilter.NAME);
	}

	@Test
	void theFilterLeavesAnExchangeOutsideTheServersHandlingWithoutAScope() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
		WebFilterChain chain = new DefaultWebFilterChain((e) -> Mono.empty(),
				List.of(new ExchangeScopeFilter(this.registry)));
		chain.filter(exchange).block();
		assertThat(exchange.<Object>getAttribute(ReactiveExchangeCleanupRegistry.ATTRIBUTE)).isNull();
	}

	private static void handle(HttpHandler handler) {
		handler.handle(MockServerHttpRequest.get("/").header("Forwarded", "host=example.org").build(),
				new MockServerHttpResponse()).block();
	}

}
