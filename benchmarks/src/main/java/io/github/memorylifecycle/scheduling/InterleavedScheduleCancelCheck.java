package io.github.memorylifecycle.scheduling;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.sun.management.OperatingSystemMXBean;

/**
 * A cross-check of {@link ScheduleCancelBenchmark} for a busy machine: runs its baseline and starter methods in
 * alternating batches in one JVM and measures each batch in CPU time, so that neither the load of other processes
 * nor its changes during the run can favour one side. Three clocks: the CPU time of the calling thread (the schedule
 * and cancel calls themselves), of the scheduler's worker thread (which a schedule wakes when it was waiting for an
 * empty queue) and of the whole JVM (adds the garbage collector). Prints the medians of each and the median of the
 * per-round speed ratios with their quartiles. Both sides share one JIT profile here, unlike JMH's forks.
 * <p>
 * Run after {@code benchmarks/run.sh}: {@code java -cp "$(cat benchmarks/target/run-classpath.txt)"
 * io.github.memorylifecycle.scheduling.InterleavedScheduleCancelCheck [rounds] [empty|busy]}.
 */
public final class InterleavedScheduleCancelCheck {

	private static final int BATCH = 200_000;

	private static int sink;

	private InterleavedScheduleCancelCheck() {
	}

	public static void main(String[] args) {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 60;
		ScheduleCancelBenchmark benchmark = new ScheduleCancelBenchmark();
		benchmark.queue = (args.length > 1) ? args[1] : "empty";
		benchmark.setUp();
		try {
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
			Side baseline = new Side();
			Side starter = new Side();
			List<Double> baselineWakeUps = new ArrayList<>();
			List<Double> starterWakeUps = new ArrayList<>();
			for (int round = -10; round < rounds; round++) { // ten rounds of warm-up
				boolean baselineFirst = (round & 1) == 0; // neither side always follows the other's garbage
				for (int half = 0; half < 2; half++) {
					boolean runBaseline = (half == 0) == baselineFirst;
					long wakeUps = workerWakeUps(runBaseline ? "raw-" : "tracked-");
					long worker = workerCpuTime(threads, runBaseline ? "raw-" : "tracked-");
					long thread = threads.getCurrentThreadCpuTime();
					long process = os.getProcessCpuTime();
					for (int i = 0; i < BATCH; i++) {
						sink += (runBaseline ? benchmark.baseline() : benchmark.starter()) ? 1 : 0;
					}
					thread = threads.getCurrentThreadCpuTime() - thread;
					process = os.getProcessCpuTime() - process;
					worker = workerCpuTime(threads, runBaseline ? "raw-" : "tracked-") - worker;
					wakeUps = workerWakeUps(runBaseline ? "raw-" : "tracked-") - wakeUps;
					if (round >= 0) {
						(runBaseline ? baseline : starter).add(thread, worker, process);
						(runBaseline ? baselineWakeUps : starterWakeUps).add(wakeUps / (double) BATCH);
					}
				}
			}
			System.out.printf(Locale.ROOT, "calling thread CPU: %s%n", baseline.compare(starter, 0));
			System.out.printf(Locale.ROOT, "worker thread CPU:  %s%n", baseline.compare(starter, 1));
			System.out.printf(Locale.ROOT, "whole JVM CPU:      %s%n", baseline.compare(starter, 2));
			System.out.printf(Locale.ROOT,
					"worker wake-ups (voluntary context switches) per schedule + cancel, queue=%s: baseline %.3f, starter %.3f%n",
					benchmark.queue, Side.median(baselineWakeUps), Side.median(starterWakeUps));
		}
		finally {
			benchmark.tearDown();
		}
	}

	/**
	 * Returns how often a scheduler's worker threads gave up the CPU voluntarily (parked, then woken), from
	 * {@code /proc/self/task/<tid>/status} on Linux: the threads are found by their name ({@code comm}). Zero
	 * elsewhere.
	 */
	private static long workerWakeUps(String prefix) {
		long total = 0;
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
			for (Path task : tasks) {
				try {
					if (!Files.readString(task.resolve("comm")).startsWith(prefix)) {
						continue;
					}
					for (String line : Files.readAllLines(task.resolve("status"))) {
						if (line.startsWith("voluntary_ctxt_switches:")) {
							total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
						}
					}
				}
				catch (IOException ex) {
					// the thread ended meanwhile
				}
			}
		}
		catch (IOException ex) {
			return 0;
		}
		return total;
	}

	/**
	 * Returns the CPU time of a scheduler's worker threads, found by name: each schedule wakes one.
	 */
	private static long workerCpuTime(ThreadMXBean threads, String prefix) {
		long total = 0;
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && info.getThreadName().startsWith(prefix)) {
				total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
			}
		}
		return total;
	}

	private static final class Side {

		private final List<List<Double>> clocks = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

		void add(long threadNanos, long workerNanos, long processNanos) {
			this.clocks.get(0).add(threadNanos / (double) BATCH);
			this.clocks.get(1).add(workerNanos / (double) BATCH);
			this.clocks.get(2).add(processNanos / (double) BATCH);
		}

		String compare(Side starter, int clock) {
			List<Double> mine = this.clocks.get(clock);
			List<Double> theirs = starter.clocks.get(clock);
			List<Double> ratios = new ArrayList<>();
			for (int i = 0; i < mine.size(); i++) {
				ratios.add(mine.get(i) / theirs.get(i));
			}
			int n = ratios.size();
			return String.format(Locale.ROOT,
					"baseline %.0f ns, starter %.0f ns per schedule + cancel, speed %.3f× (quartiles %.3f–%.3f)",
					median(mine), median(theirs), median(ratios), sorted(ratios).get(n / 4),
					sorted(ratios).get(3 * n / 4));
		}

		static double median(List<Double> values) {
			return sorted(values).get(values.size() / 2);
		}

		private static List<Double> sorted(List<Double> values) {
			List<Double> sorted = new ArrayList<>(values);
			sorted.sort(null);
			return sorted;
		}

	}

}
