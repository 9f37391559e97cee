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
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * Register and run one cleanup on a WebFlux exchange, against the same exchange whose handler does the same work by
 * hand at the end of its pipeline ({@code doFinally}), the reactive way to release a resource without the starter.
 * Reported, no target.
 */
@Comparison(title = "Register and run one cleanup on a WebFlux exchange",
		baseline = "doFinally on the handler's pipeline", starter = "ExchangeCleanupRegistry.of(exchange).register",
		target = "reported")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ExchangeCleanupBenchmark {

	private HttpHandler byHand;

	private HttpHandler registered;

	private int released;

	@Setup
	public void setUp() {
		WebHandler byHand = (exchange) -> {
			exchange.getResponse().setStatusCode(HttpStatus.OK);
			return exchange.getResponse().setComplete().doFinally((signal) -> this.released++);
		};
		this.byHand = WebHttpHandlerBuilder.webHandler(byHand).build();
		ReactiveExchangeCleanupRegistry registry = new ReactiveExchangeCleanupRegistry();
		WebHandler registering = (exchange) -> {
			registry.of(exchange).register("release", () -> this.released++);
			exchange.getResponse().setStatusCode(HttpStatus.OK);
			return exchange.getResponse().setComplete();
		};
		this.registered = WebHttpHandlerBuilder.webHandler(registering).httpHandlerDecorator(registry).build();
	}

	/**
	 * The release done by hand.
	 */
	@Benchmark
	public void baseline() {
		this.byHand.handle(MockServerHttpRequest.get("/hello").build(), new MockServerHttpResponse()).block();
	}

	/**
	 * The release registered with the starter.
	 */
	@Benchmark
	public void starter() {
		this.registered.handle(MockServerHttpRequest.get("/hello").build(), new MockServerHttpResponse()).block();
	}

}
