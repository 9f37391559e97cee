package io.github.memorylifecycle.scope;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.github.memorylifecycle.benchmarks.Comparison;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * What the starter adds to a request that registers nothing: the {@link RequestScopeFilter} around a servlet
 * chain, against the same chain without it. The filter must allocate nothing; its time is reported as the added
 * nanoseconds (the handler here does almost nothing, so the ratio only says how small the rest of the request is).
 * <p>
 * Run: {@code benchmarks/run.sh jmh}, or after it {@code java -cp "$(cat benchmarks/target/run-classpath.txt)"
 * org.openjdk.jmh.Main RequestScopeBenchmark -prof gc}.
 */
@Comparison(title = "A request that registers nothing", baseline = "servlet chain without the starter's filter",
		starter = "the same chain behind RequestScopeFilter", target = "0 B/op added", maxAddedBytes = 0)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class RequestScopeBenchmark {

	private MockHttpServletRequest request;

	private MockHttpServletResponse response;

	private FilterChain handler;

	private RequestScopeFilter filter;

	@Setup
	public void setUp() {
		this.request = new MockHttpServletRequest("GET", "/hello");
		this.response = new MockHttpServletResponse();
		this.handler = (request, response) -> ((HttpServletResponse) response).setStatus(200);
		this.filter = new RequestScopeFilter(new ServletRequestCleanupRegistry());
	}

	/**
	 * The request without the starter.
	 */
	@Benchmark
	public void baseline() throws IOException, ServletException {
		this.handler.doFilter(this.request, this.response);
	}

	/**
	 * The same request through the starter's request scope filter.
	 */
	@Benchmark
	public void starter() throws IOException, ServletException {
		this.filter.doFilter(this.request, this.response, this.handler);
	}

}
