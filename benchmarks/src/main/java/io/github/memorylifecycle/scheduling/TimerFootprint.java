package io.github.memorylifecycle.scheduling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Bytes retained per live timer: the after-GC heap with 100 000 timers scheduled one hour ahead, minus the heap
 * before, divided by 100 000, on a raw {@link ThreadPoolTaskScheduler} and on a {@link TrackedTaskScheduler} around
 * one. The returned futures are kept on both sides (a caller keeps them to cancel its timers), all timers share one
 * task. Each side is measured five times after a warm-up round; the medians are written to {@code OUT_DIR/timers.properties}.
 * <p>
 * Run by {@code benchmarks/run.sh jmh} as {@code java -XX:+UseSerialGC -Xmx1g -cp ... TimerFootprint OUT_DIR}.
 */
public final class TimerFootprint {

	private static final int TIMERS = 100_000;

	private static final int ROUNDS = 5;

	private static final Runnable NOOP = () -> {
	};

	private TimerFootprint() {
	}

	public static void main(String[] args) throws IOException {
		long[] raw = new long[ROUNDS];
		long[] tracked = new long[ROUNDS];
		// one side after the other: a tracked round's heap takes longer than a few collections to settle, which
		// would lower the raw round that follows it
		measure(false); // warm-up: classes loaded, code compiled
		for (int round = 0; round < ROUNDS; round++) {
			raw[round] = measure(false);
		}
		measure(true);
		for (int round = 0; round < ROUNDS; round++) {
			tracked[round] = measure(true);
		}
		double rawPerTimer = median(raw) / (double) TIMERS;
		double trackedPerTimer = median(tracked) / (double) TIMERS;
		String properties = String.format(Locale.ROOT,
				"timers=%d%nrounds=%d%nraw_bytes_per_timer=%.1f%ntracked_bytes_per_timer=%.1f%nadded_bytes_per_timer=%.1f%n"
						+ "jvm=%s%n",
				TIMERS, ROUNDS, rawPerTimer, trackedPerTimer, trackedPerTimer - rawPerTimer,
				String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
		Files.writeString(Path.of(args[0], "timers.properties"), properties);
		System.out.print(properties);
	}

	private static long measure(boolean track) {
		ThreadPoolTaskScheduler pool = ScheduleCancelBenchmark.scheduler(track ? "tracked-" : "raw-");
		TaskScheduler scheduler = track ? new TrackedTaskScheduler(pool) : pool;
		List<ScheduledFuture<?>> futures = new ArrayList<>(TIMERS);
		long before = afterGcHeap();
		Instant start = Instant.now().plusSeconds(3600);
		for (int i = 0; i < TIMERS; i++) {
			futures.add(scheduler.schedule(NOOP, start));
		}
		long after = afterGcHeap();
		// the list of futures is the caller's, not the scheduler's: it holds TIMERS references on both sides alike
		futures.forEach((future) -> future.cancel(false));
		pool.shutdown();
		try {
			// the next round starts from a heap without this pool's worker or queue
			pool.getScheduledThreadPoolExecutor().awaitTermination(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		if (futures.size() != TIMERS || scheduler == null) {
			throw new IllegalStateException("unreachable");
		}
		return after - before;
	}

	private static long afterGcHeap() {
		Runtime runtime = Runtime.getRuntime();
		long lowest = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			lowest = Math.min(lowest, runtime.totalMemory() - runtime.freeMemory());
		}
		return lowest;
	}

	private static long median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

}
