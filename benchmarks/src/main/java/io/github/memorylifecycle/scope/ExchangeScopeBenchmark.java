package io.github.memorylifecycle.scope;

import java.util.concurrent.TimeUnit;

import io.github.memorylifecycle.benchmarks.Comparison;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * What the starter adds to a WebFlux exchange that registers nothing: the exchange scope's HTTP handler decorator
 * around a WebFlux handler chain, against the same chain without it (no filter: the decorator hands the scope to the
 * exchange's attributes, unless a {@code ForwardedHeaderTransformer} replaces the request). Run with {@code -prof gc}
 * for the bytes per exchange; {@link ExchangeCleanupBenchmark} reports register and run of one cleanup.
 * <p>
 * Run: {@code java -cp "$(cat benchmarks/target/run-classpath.txt)" org.openjdk.jmh.Main ExchangeScopeBenchmark
 * -prof gc}.
 */
@Comparison(title = "A WebFlux exchange that registers nothing", baseline = "WebFlux handler chain with one filter, without the starter",
		starter = "the same chain with the exchange scope's decorator", target = "1.0x, 0 B/op added",
		minSpeedRatio = 0.99, maxAddedBytes = 0)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ExchangeScopeBenchmark {

	private HttpHandler plain;

	private HttpHandler scoped;

	@Setup
	public void setUp() {
		WebHandler handler = (exchange) -> {
			exchange.getResponse().setStatusCode(HttpStatus.OK);
			return exchange.getResponse().setComplete();
		};
		// an application's own filter, in both: a WebFlux application always has a filter chain (Boot's observation
		// filter, security, ...), so what is compared is the starter's decorator added to one
		WebFilter applicationFilter = (exchange, chain) -> chain.filter(exchange);
		this.plain = WebHttpHandlerBuilder.webHandler(handler).filter(applicationFilter).build();
		ReactiveExchangeCleanupRegistry registry = new ReactiveExchangeCleanupRegistry();
		this.scoped = WebHttpHandlerBuilder.webHandler(handler)
			.filter(applicationFilter)
			.httpHandlerDecorator(registry)
			.build();
	}

	/**
	 * The exchange without the starter.
	 */
	@Benchmark
	public void baseline() {
		this.plain.handle(MockServerHttpRequest.get("/hello").build(), new MockServerHttpResponse()).block();
	}

	/**
	 * The same exchange through the starter's exchange scope.
	 */
	@Benchmark
	public void starter() {
		this.scoped.handle(MockServerHttpRequest.get("/hello").build(), new MockServerHttpResponse()).block();
	}

}
