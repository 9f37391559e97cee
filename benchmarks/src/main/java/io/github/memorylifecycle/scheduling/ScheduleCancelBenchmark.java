package io.github.memorylifecycle.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.memorylifecycle.benchmarks.Comparison;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Scheduling a timer one hour ahead and cancelling it at once, the life of most timers (a timeout that is not
 * needed): {@link TrackedTaskScheduler} around a {@link ThreadPoolTaskScheduler} against the same raw scheduler.
 * Both schedulers remove cancelled tasks from their queue, so each operation is one schedule plus one cancel.
 * <p>
 * {@code queue=empty}: nothing else is scheduled, so every new timer becomes the head of the scheduler's queue and
 * wakes its worker thread, which then races the cancel for the queue's lock; how often that costs a real park and
 * unpark depends on how long the caller's operation takes, which amplifies any added cost. {@code queue=busy}: one
 * other timer, one minute ahead, stays at the head (what an application with any periodic job has), so scheduling
 * and cancelling touch only the queue and never wake the worker: the tracking's own cost.
 * <p>
 * Run: {@code benchmarks/run.sh jmh}, or after it {@code java -cp "$(cat benchmarks/target/run-classpath.txt)"
 * org.openjdk.jmh.Main ScheduleCancelBenchmark -prof gc}.
 */
@Comparison(title = "Schedule a timer 1 h ahead, then cancel it",
		baseline = "ThreadPoolTaskScheduler (removeOnCancelPolicy=true).schedule(noop, now + 1 h), future.cancel(false)",
		starter = "the same through a TrackedTaskScheduler around such a scheduler", target = "≥ 0.8× speed",
		minSpeedRatio = 0.8)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ScheduleCancelBenchmark {

	private static final Duration AHEAD = Duration.ofHours(1);

	private final Runnable noop = () -> {
	};

	/**
	 * {@code empty}: each new timer becomes the head of the queue and wakes the worker; {@code busy}: a timer one
	 * minute ahead stays at the head.
	 */
	@Param({ "empty", "busy" })
	public String queue = "empty";

	private ThreadPoolTaskScheduler raw;

	private ThreadPoolTaskScheduler delegate;

	private TrackedTaskScheduler tracked;

	@Setup
	public void setUp() {
		this.raw = scheduler("raw-");
		this.delegate = scheduler("tracked-");
		this.tracked = new TrackedTaskScheduler(this.delegate);
		if ("busy".equals(this.queue)) { // the same untracked head on both sides
			this.raw.schedule(this.noop, Instant.now().plus(Duration.ofMinutes(1)));
			this.delegate.schedule(this.noop, Instant.now().plus(Duration.ofMinutes(1)));
		}
	}

	@TearDown
	public void tearDown() {
		this.raw.shutdown();
		this.delegate.shutdown();
	}

	static ThreadPoolTaskScheduler scheduler(String prefix) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.setThreadNamePrefix(prefix);
		scheduler.initialize();
		return scheduler;
	}

	/**
	 * The raw scheduler.
	 * @return whether the cancel succeeded
	 */
	@Benchmark
	public boolean baseline() {
		ScheduledFuture<?> future = this.raw.schedule(this.noop, Instant.now().plus(AHEAD));
		return future.cancel(false);
	}

	/**
	 * The tracked scheduler.
	 * @return whether the cancel succeeded
	 */
	@Benchmark
	public boolean starter() {
		ScheduledFuture<?> future = this.tracked.schedule(this.noop, Instant.now().plus(AHEAD));
		return future.cancel(false);
	}

}
