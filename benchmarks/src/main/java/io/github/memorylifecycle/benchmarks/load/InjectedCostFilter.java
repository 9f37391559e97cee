package io.github.memorylifecycle.benchmarks.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * A known extra cost for the calibration of the CPU-per-request method ({@code benchmarks/cpu.sh}): burns a fixed
 * number of nanoseconds of the request thread's CPU time before the request goes on. Registered only when
 * {@code load.burn-nanos} is set: an app with it must come out that much more expensive, or the method cannot see
 * that cost.
 */
final class InjectedCostFilter implements Filter {

	private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private final long burnNanos;

	private long sink;

	InjectedCostFilter(long burnNanos) {
		this.burnNanos = burnNanos;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		long until = threads.getCurrentThreadCpuTime() + this.burnNanos;
		long spins = 0;
		while (threads.getCurrentThreadCpuTime() < until) {
			spins++;
		}
		this.sink += spins;
		chain.doFilter(request, response);
	}

}
