package io.github.memorylifecycle.scope;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.handler.DefaultWebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

class ReactiveExchangeCleanupRegistryTests {

	private final ReactiveExchangeCleanupRegistry registry = new ReactiveExchangeCleanupRegistry();

	@Test
	void namesItselfWithOneConstantStringSinceTheFilterChainAsksForEveryExchange() {
		assertThat(this.registry.toString()).isSameAs(this.registry.toString())
			.isSameAs(ReactiveExchangeCleanupRegistry.NAME);
	}

	@Test
	void filtersAnExchangeOutsideTheServersHandlingWithoutGivingItAScope() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
		WebFilterChain chain = new DefaultWebFilterChain((e) -> Mono.empty(), java.util.List.of(this.registry));
		chain.filter(exchange).block();
		assertThat(exchange.<Object>getAttribute(ReactiveExchangeCleanupRegistry.ATTRIBUTE)).isNull();
	}

}
