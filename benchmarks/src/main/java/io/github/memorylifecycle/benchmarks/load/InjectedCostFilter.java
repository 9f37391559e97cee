package io.github.memorylifecycle.benchmarks.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * A known extra cost for the calibration (a servlet filter, or a {@link WebFilter} in the reactive suite) of the CPU-per-request method ({@code benchmarks/cpu.sh}): burns a fixed
 * amount of CPU per request before the request goes on. Registered only when {@code load.burn-nanos} is set: an app
 * with it must come out that much more expensive, or the method cannot see that cost. The burn is a plain loop whose
 * iterations per nanosecond of thread CPU time are measured once at startup (reading the thread's CPU time inside the
 * loop would cost a system call per iteration and overshoot).
 */
final class InjectedCostFilter implements Filter, WebFilter {

	private final long iterations;

	private volatile long sink;

	InjectedCostFilter(long burnNanos) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long probe = 50_000_000;
		spin(probe); // warm the loop up
		long start = threads.getCurrentThreadCpuTime();
		spin(probe);
		long spent = Math.max(1, threads.getCurrentThreadCpuTime() - start);
		this.iterations = Math.max(1, probe * burnNanos / spent);
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		spin(this.iterations);
		chain.doFilter(request, response);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		spin(this.iterations);
		return chain.filter(exchange);
	}

	private void spin(long count) {
		long x = this.sink;
		for (long i = 0; i < count; i++) {
			x = x * 6364136223846793005L + 1442695040888963407L;
		}
		this.sink = x;
	}

}
