package io.github.memorylifecycle.leak;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import io.github.memorylifecycle.benchmarks.Comparison;
import io.github.memorylifecycle.scope.BenchmarkRequests;
import io.github.memorylifecycle.scope.RequestCleanupRegistry;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
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
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Leak watching of a request scope, at its default sampling (one object in 20): a request, behind the starter's
 * request scope filter, that registers one cleanup and creates one object the starter watches from the end of the
 * request (what the timer and listener features do for a timer or listener not bound to a scope), through
 * {@link RequestLeakWatch#watchAtRequestEnd}; against the same request with leak watching off (the watch is then a
 * no-op). A sampled object costs a cleanup registration and a weak reference in the watcher's waiting list; objects
 * are collected at once, so the list stays short.
 * <p>
 * Run: {@code benchmarks/run.sh jmh}, or after it {@code java -cp "$(cat benchmarks/target/run-classpath.txt)"
 * org.openjdk.jmh.Main RequestLeakWatchBenchmark -prof gc}.
 */
@Comparison(title = "Leak watching of a request scope at the default sampling (0.05)",
		baseline = "request with one cleanup and one new object, leak watching off",
		starter = "the same request, the object handed to RequestLeakWatch.watchAtRequestEnd (sample rate 0.05)",
		target = "added time and B/op reported (average over sampled and unsampled scopes)")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class RequestLeakWatchBenchmark {

	private final AutoCloseable cleanup = this::count;

	private MockHttpServletRequest request;

	private MockHttpServletResponse response;

	private Filter filter;

	private FilterChain off;

	private FilterChain on;

	private long ran;

	@Setup
	public void setUp() {
		this.request = new MockHttpServletRequest("GET", "/hello");
		this.response = new MockHttpServletResponse();
		BenchmarkRequests requests = new BenchmarkRequests();
		RequestCleanupRegistry registry = requests.registry();
		this.filter = requests.filter();
		LeakProperties properties = new LeakProperties();
		if (properties.getSampleRate() != 0.05) {
			throw new IllegalStateException("default sample rate changed: " + properties.getSampleRate());
		}
		RequestLeakWatch watch = new RequestLeakWatch(new WeakReferenceLeakWatcher(properties,
				new LifecycleWarnings(100, Clock.systemUTC()), Clock.systemUTC(), System::nanoTime), registry);
		this.off = (request, response) -> handle(request, response, registry, null);
		this.on = (request, response) -> handle(request, response, registry, watch);
	}

	private void count() {
		this.ran++;
	}

	private void handle(Object request, Object response, RequestCleanupRegistry registry, RequestLeakWatch watch) {
		ServletRequestAttributes attributes = new ServletRequestAttributes((HttpServletRequest) request,
				(HttpServletResponse) response);
		RequestContextHolder.setRequestAttributes(attributes);
		try {
			registry.register("cleanup", this.cleanup);
			Object timer = new Object();
			if (watch != null) {
				watch.watchAtRequestEnd(timer, "timer", "timer");
			}
		}
		finally {
			RequestContextHolder.resetRequestAttributes();
			attributes.requestCompleted();
		}
	}

	/**
	 * Leak watching off.
	 * @return the cleanups run so far
	 */
	@Benchmark
	public long baseline() throws IOException, ServletException {
		this.filter.doFilter(this.request, this.response, this.off);
		this.request.clearAttributes();
		return this.ran;
	}

	/**
	 * Leak watching on, default sampling.
	 * @return the cleanups run so far
	 */
	@Benchmark
	public long starter() throws IOException, ServletException {
		this.filter.doFilter(this.request, this.response, this.on);
		this.request.clearAttributes();
		return this.ran;
	}

}
