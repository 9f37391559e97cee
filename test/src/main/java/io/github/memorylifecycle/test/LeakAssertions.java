package io.github.memorylifecycle.test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.stream.Collectors;

import io.github.memorylifecycle.events.ListenerInfo;
import io.github.memorylifecycle.leak.LeakSuspect;
import io.github.memorylifecycle.leak.LeakWatcher;
import io.github.memorylifecycle.scheduling.PendingTaskInfo;
import io.github.memorylifecycle.scheduling.TimerInfo;
import org.opentest4j.AssertionFailedError;

import org.springframework.context.ApplicationContext;
import org.springframework.util.Assert;

/**
 * Leak checks without JUnit's help: take a {@link #checkpoint(ApplicationContext) checkpoint}, run the code, and
 * {@link #assertNoLeaks(LeakCheckpoint) assert} that it left nothing behind. {@link LeakCheck} does exactly this
 * around each test.
 * <pre class="code">
 * try (LeakCheckpoint checkpoint = LeakAssertions.checkpoint(context)) {
 *     service.poll();
 *     LeakAssertions.assertNoLeaks(checkpoint);
 * }
 * </pre>
 */
public final class LeakAssertions {

	private static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(2);

	private static final long POLL_MILLIS = 50;

	private static final Map<ApplicationContext, LeakCheckpoint> startup = Collections
		.synchronizedMap(new WeakHashMap<>());

	private LeakAssertions() {
	}

	/**
	 * Notes what the application has now, and starts recording every object handed to its leak watcher.
	 * @param context the application
	 * @return the checkpoint, to pass to {@link #assertNoLeaks(LeakCheckpoint)}
	 */
	public static LeakCheckpoint checkpoint(ApplicationContext context) {
		return checkpoint(context, true);
	}

	/**
	 * Asserts that nothing was left behind since the checkpoint, waiting up to 2 seconds for work to finish and
	 * objects to be collected, then closes the checkpoint.
	 * @param checkpoint the checkpoint
	 * @throws AssertionFailedError naming each leak
	 */
	public static void assertNoLeaks(LeakCheckpoint checkpoint) {
		assertNoLeaks(checkpoint, DEFAULT_MAX_WAIT);
	}

	/**
	 * Asserts that nothing was left behind since the checkpoint, then closes the checkpoint. Leaked timers and
	 * pending tasks are cancelled after they are reported, so that they do not run into later code.
	 * @param checkpoint the checkpoint
	 * @param maxWait the longest wait for work to finish and objects to be collected; a clean run does not wait
	 * @param allowed kinds left behind on purpose
	 * @throws AssertionFailedError naming each leak
	 */
	public static void assertNoLeaks(LeakCheckpoint checkpoint, Duration maxWait, LeakKind... allowed) {
		Assert.notNull(checkpoint, "checkpoint must not be null");
		Assert.isTrue(!maxWait.isNegative(), "maxWait must not be negative");
		Set<LeakKind> allow = allowed.length == 0 ? EnumSet.noneOf(LeakKind.class) : EnumSet.of(allowed[0], allowed);
		try {
			Findings findings = awaitNoLeaks(checkpoint, maxWait, allow);
			if (!findings.leaks.isEmpty()) {
				LiveWork.cancel(checkpoint.context, "timers", findings.timerIds);
				LiveWork.cancel(checkpoint.context, "async", findings.taskIds);
				throw new AssertionFailedError(message(findings.leaks, maxWait));
			}
		}
		finally {
			checkpoint.close();
		}
	}

	/**
	 * Asserts that the application left nothing behind since it became ready (since its
	 * {@code ApplicationReadyEvent}): timers, listeners, pending work and failed cleanups created since, and the
	 * leak watcher's own retained suspects (sampled, after its delay: take a {@link #checkpoint(ApplicationContext)
	 * checkpoint} to have every object checked at once).
	 * @param context an application started by {@code SpringApplication}
	 * @throws AssertionFailedError naming each leak
	 * @throws IllegalStateException if the application did not start through {@code SpringApplication}
	 */
	public static void assertNoLeaks(ApplicationContext context) {
		LeakCheckpoint ready = startup.get(context);
		Assert.state(ready != null, () -> "No checkpoint was taken when " + context.getId() + " became ready (it did "
				+ "not start through SpringApplication): use LeakAssertions.checkpoint(context) before the code to check");
		Findings findings = awaitNoLeaks(ready, Duration.ZERO, EnumSet.noneOf(LeakKind.class));
		List<Leak> leaks = new ArrayList<>(findings.leaks);
		LeakWatcher watcher = context.getBeanProvider(LeakWatcher.class).getIfAvailable();
		if (watcher != null) {
			for (LeakSuspect suspect : watcher.suspects()) {
				if (!suspect.isResolved()) {
					leaks.add(new Leak(LeakKind.RETAINED_OBJECT, suspect.className() + " [" + suspect.kind() + "]",
							suspect.site(), suspect.description()));
				}
			}
		}
		if (!leaks.isEmpty()) {
			throw new AssertionFailedError(message(leaks, Duration.ZERO));
		}
	}

	static void applicationReady(ApplicationContext context) {
		startup.put(context, checkpoint(context, false));
	}

	private static LeakCheckpoint checkpoint(ApplicationContext context, boolean record) {
		Assert.notNull(context, "context must not be null");
		LeakWatcher watcher = record ? context.getBeanProvider(LeakWatcher.class).getIfAvailable() : null;
		WatchRecorder recorder = null;
		if (watcher != null) {
			recorder = new WatchRecorder();
			watcher.observeAll(recorder);
		}
		return new LeakCheckpoint(context, LiveWork.ids(LiveWork.timers(context), TimerInfo::id),
				LiveWork.ids(LiveWork.listeners(context), ListenerInfo::id),
				LiveWork.ids(LiveWork.tasks(context), PendingTaskInfo::id),
				LiveWork.failedCleanups(context), watcher, recorder);
	}

	private static Findings awaitNoLeaks(LeakCheckpoint checkpoint, Duration maxWait, Set<LeakKind> allow) {
		long deadline = System.nanoTime() + maxWait.toNanos();
		while (true) {
			if (checkpoint.recorder != null && !allow.contains(LeakKind.RETAINED_OBJECT)
					&& checkpoint.recorder.anyReachable()) {
				System.gc(); // a full, stop-the-world collection on HotSpot's collectors: clears what is unreachable
			}
			Findings findings = find(checkpoint, allow);
			long left = deadline - System.nanoTime();
			if (findings.leaks.isEmpty() || left <= 0) {
				return findings;
			}
			try {
				if (checkpoint.recorder != null) {
					checkpoint.recorder.awaitClearing(Math.min(POLL_MILLIS, Math.max(1, left / 1_000_000)));
				}
				else {
					Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, left / 1_000_000))); // timers or tasks to end
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return findings;
			}
		}
	}

	private static Findings find(LeakCheckpoint checkpoint, Set<LeakKind> allow) {
		ApplicationContext context = checkpoint.context;
		Findings findings = new Findings();
		if (!allow.contains(LeakKind.TIMER)) {
			for (TimerInfo timer : LiveWork.timers(context)) {
				if (!checkpoint.timers.contains(timer.id())) {
					findings.timerIds.add(timer.id());
					findings.leaks.add(new Leak(LeakKind.TIMER,
							timer.kind().name().toLowerCase(Locale.ROOT).replace('_', '-') + " " + timer.schedule(),
							timer.site(), timer.description()));
				}
			}
		}
		if (!allow.contains(LeakKind.LISTENER)) {
			for (ListenerInfo listener : LiveWork.listeners(context)) {
				if (!checkpoint.listeners.contains(listener.id())) {
					findings.leaks.add(new Leak(LeakKind.LISTENER, listener.eventType() + " -> " + listener.listener(),
							listener.site(), null));
				}
			}
		}
		if (!allow.contains(LeakKind.ASYNC_TASK)) {
			for (PendingTaskInfo task : LiveWork.tasks(context)) {
				if (!checkpoint.tasks.contains(task.id())) {
					findings.taskIds.add(task.id());
					findings.leaks.add(new Leak(LeakKind.ASYNC_TASK, task.description() + " " + task.state()
						.name()
						.toLowerCase(Locale.ROOT), task.site(), null));
				}
			}
		}
		if (!allow.contains(LeakKind.FAILED_CLEANUP)) {
			LiveWork.failedCleanups(context).forEach((scope, failed) -> {
				long before = checkpoint.failedCleanups.getOrDefault(scope, 0L);
				for (long i = before; i < failed; i++) {
					findings.leaks.add(new Leak(LeakKind.FAILED_CLEANUP, scope + " scope", null,
							"the cleanup's exception was logged with its description"));
				}
			});
		}
		if (!allow.contains(LeakKind.RETAINED_OBJECT) && checkpoint.recorder != null) {
			findings.leaks.addAll(checkpoint.recorder.retained());
		}
		return findings;
	}

	static String message(List<Leak> leaks, Duration maxWait) {
		Map<LeakKind, Map<String, Integer>> grouped = new LinkedHashMap<>();
		for (Leak leak : leaks) {
			grouped.computeIfAbsent(leak.kind(), (kind) -> new LinkedHashMap<>()).merge(leak.describe(), 1,
					Integer::sum);
		}
		StringBuilder message = new StringBuilder("Leaks left behind");
		if (!maxWait.isZero()) {
			message.append(" (still there after waiting ").append(maxWait.toMillis()).append(" ms)");
		}
		message.append(':');
		grouped.forEach((kind, lines) -> lines.forEach(
				(line, count) -> message.append("\n  ").append(kind.describe(count)).append(": ").append(line)));
		if (grouped.containsKey(LeakKind.RETAINED_OBJECT) && explicitGcDisabled()) {
			message.append("\n  (-XX:+DisableExplicitGC is set: collections could not be forced)");
		}
		message.append("\nAllow a kind on purpose with @LeakCheck(allow = ")
			.append(grouped.keySet()
				.stream()
				.map((kind) -> "LeakKind." + kind.name())
				.collect(Collectors.joining(", ", grouped.size() > 1 ? "{ " : "", grouped.size() > 1 ? " }" : "")))
			.append(").");
		return message.toString();
	}

	private static boolean explicitGcDisabled() {
		return ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+DisableExplicitGC");
	}

	private static final class Findings {

		final List<Leak> leaks = new ArrayList<>();

		final List<Long> timerIds = new ArrayList<>();

		final List<Long> taskIds = new ArrayList<>();

	}

}
