package io.github.memorylifecycle.test;

import java.util.Map;
import java.util.Set;

import io.github.memorylifecycle.leak.LeakWatcher;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;

/**
 * What an application had before a piece of code ran — live timers, runtime listeners, pending async work, failed
 * cleanups — so that {@link LeakAssertions#assertNoLeaks(LeakCheckpoint)} blames only what came after. While it is
 * open, the application's leak watcher reports every object handed to it (no sampling) to this checkpoint. Close it
 * (the assertion does) to stop that.
 */
public final class LeakCheckpoint implements AutoCloseable {

	final ApplicationContext context;

	final Set<Long> timers;

	final Set<Long> listeners;

	final Set<Long> tasks;

	final Map<String, Long> failedCleanups;

	final @Nullable LeakWatcher watcher;

	final @Nullable WatchRecorder recorder;

	LeakCheckpoint(ApplicationContext context, Set<Long> timers, Set<Long> listeners, Set<Long> tasks,
			Map<String, Long> failedCleanups, @Nullable LeakWatcher watcher, @Nullable WatchRecorder recorder) {
		this.context = context;
		this.timers = timers;
		this.listeners = listeners;
		this.tasks = tasks;
		this.failedCleanups = failedCleanups;
		this.watcher = watcher;
		this.recorder = recorder;
	}

	/**
	 * Stops recording the objects handed to the leak watcher. Closing twice does nothing more.
	 */
	@Override
	public void close() {
		if (this.watcher != null && this.recorder != null) {
			this.watcher.stopObserving(this.recorder);
		}
	}

}
