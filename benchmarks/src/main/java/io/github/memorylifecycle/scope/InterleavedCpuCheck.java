package io.github.memorylifecycle.scope;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cross-check of {@link RequestCleanupBenchmark} for a busy machine: runs its baseline and starter methods in
 * alternating batches in one JVM and measures each batch in CPU time of the running thread, so that neither the
 * load of other processes nor its changes during the run can favour one side. Prints the medians and the median
 * of the per-round speed ratios with their quartiles. Both sides share one JIT profile here, unlike JMH's forks.
 * <p>
 * Run after {@code benchmarks/run.sh}: {@code java -cp "$(cat benchmarks/target/run-classpath.txt)"
 * io.github.memorylifecycle.scope.InterleavedCpuCheck [cleanups] [rounds]}.
 */
public final class InterleavedCpuCheck {

	private static final int BATCH = 100_000;

	private static long sink;

	private InterleavedCpuCheck() {
	}

	public static void main(String[] args) throws Exception {
		int cleanups = (args.length > 0) ? Integer.parseInt(args[0]) : 1;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 60;
		RequestCleanupBenchmark benchmark = new RequestCleanupBenchmark();
		benchmark.cleanups = cleanups;
		benchmark.setUp();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		List<Double> baseline = new ArrayList<>();
		List<Double> starter = new ArrayList<>();
		List<Double> ratios = new ArrayList<>();
		for (int round = -10; round < rounds; round++) { // ten rounds of warm-up
			long start = threads.getCurrentThreadCpuTime();
			for (int i = 0; i < BATCH; i++) {
				sink += benchmark.baseline();
			}
			long middle = threads.getCurrentThreadCpuTime();
			for (int i = 0; i < BATCH; i++) {
				sink += benchmark.starter();
			}
			long end = threads.getCurrentThreadCpuTime();
			if (round >= 0) {
				baseline.add((middle - start) / (double) BATCH);
				starter.add((end - middle) / (double) BATCH);
				ratios.add((middle - start) / (double) (end - middle));
			}
		}
		baseline.sort(null);
		starter.sort(null);
		ratios.sort(null);
		System.out.printf(Locale.ROOT,
				"cleanups=%d: baseline %.1f ns, starter %.1f ns (CPU per request), speed %.3f× (quartiles %.3f–%.3f)%n",
				cleanups, baseline.get(rounds / 2), starter.get(rounds / 2), ratios.get(rounds / 2),
				ratios.get(rounds / 4), ratios.get(3 * rounds / 4));
	}

}
