package io.github.memorylifecycle.scope;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.github.memorylifecycle.benchmarks.Comparison;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Registering and running 1 or 10 cleanups in one request: the starter's {@link RequestCleanupRegistry} (behind
 * its filter) against Spring's own {@link RequestAttributes#registerDestructionCallback} on
 * {@link RequestContextHolder#currentRequestAttributes()}, which is what Spring's request scope does. Both sides
 * bind and complete the request attributes the way {@code FrameworkServlet} does, and recycle the request
 * afterwards, so one operation is one whole request.
 * <p>
 * Run: {@code benchmarks/run.sh jmh}, or after it {@code java -cp "$(cat benchmarks/target/run-classpath.txt)"
 * org.openjdk.jmh.Main RequestCleanupBenchmark -prof gc}.
 */
@Comparison(title = "Register and run cleanups in one request",
		baseline = "RequestContextHolder.currentRequestAttributes().registerDestructionCallback(..., SCOPE_REQUEST), run by ServletRequestAttributes.requestCompleted()",
		starter = "RequestCleanupRegistry.register, ended by RequestScopeFilter", target = "at least as fast (≥ 1.0×)",
		minSpeedRatio = 1.0)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class RequestCleanupBenchmark {

	@Param({ "1", "10" })
	public int cleanups;

	private MockHttpServletRequest request;

	private MockHttpServletResponse response;

	private String[] descriptions;

	private long ran;

	private FilterChain springHandler;

	private FilterChain starterHandler;

	private RequestScopeFilter filter;

	@Setup
	public void setUp() {
		this.request = new MockHttpServletRequest("GET", "/hello");
		this.response = new MockHttpServletResponse();
		this.descriptions = new String[this.cleanups];
		for (int i = 0; i < this.cleanups; i++) {
			this.descriptions[i] = "cleanup #" + i;
		}
		Runnable callback = this::count;
		// both look the request up per registration, as Spring's request scope and the starter's registry do
		this.springHandler = (request, response) -> handle(request, response,
				(description) -> RequestContextHolder.currentRequestAttributes()
					.registerDestructionCallback(description, callback, RequestAttributes.SCOPE_REQUEST));
		ServletRequestCleanupRegistry registry = new ServletRequestCleanupRegistry();
		AutoCloseable cleanup = this::count;
		this.starterHandler = (request, response) -> handle(request, response,
				(description) -> registry.register(description, cleanup));
		this.filter = new RequestScopeFilter(registry);
	}

	private void count() {
		this.ran++;
	}

	private void handle(Object request, Object response, Registrar registrar) {
		ServletRequestAttributes attributes = new ServletRequestAttributes((HttpServletRequest) request,
				(HttpServletResponse) response);
		RequestContextHolder.setRequestAttributes(attributes);
		try {
			for (String description : this.descriptions) {
				registrar.register(description);
			}
		}
		finally {
			RequestContextHolder.resetRequestAttributes();
			attributes.requestCompleted();
		}
	}

	/**
	 * Spring's request destruction callbacks.
	 */
	@Benchmark
	public long baseline() throws IOException, ServletException {
		this.springHandler.doFilter(this.request, this.response);
		this.request.clearAttributes();
		return this.ran;
	}

	/**
	 * The starter's request registry, ended by its filter.
	 */
	@Benchmark
	public long starter() throws IOException, ServletException {
		this.filter.doFilter(this.request, this.response, this.starterHandler);
		this.request.clearAttributes();
		return this.ran;
	}

	@FunctionalInterface
	private interface Registrar {

		void register(String description);

	}

}
