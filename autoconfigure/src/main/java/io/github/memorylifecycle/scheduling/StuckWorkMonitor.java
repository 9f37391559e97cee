package io.github.memorylifecycle.scheduling;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Looks for stuck async work at a fixed delay (half the stuck age, between 10 ms and one minute) on the
 * application's scheduler, from the start of the application to its stop. Without a scheduler, stuck work is looked
 * for whenever the actuator endpoint reads the pending work.
 */
final class StuckWorkMonitor implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(StuckWorkMonitor.class);

	private static final Duration MIN_INTERVAL = Duration.ofMillis(10);

	private static final Duration MAX_INTERVAL = Duration.ofMinutes(1);

	private final AsyncTracker tracker;

	private final Supplier<TaskScheduler> scheduler;

	private volatile ScheduledFuture<?> check;

	StuckWorkMonitor(AsyncTracker tracker, Supplier<TaskScheduler> scheduler) {
		this.tracker = tracker;
		this.scheduler = scheduler;
	}

	@Override
	public void start() {
		Duration interval = this.tracker.stuckAfter().dividedBy(2);
		interval = (interval.compareTo(MIN_INTERVAL) < 0) ? MIN_INTERVAL
				: (interval.compareTo(MAX_INTERVAL) > 0) ? MAX_INTERVAL : interval;
		try {
			this.check = this.scheduler.get().scheduleWithFixedDelay(this.tracker::reportStuck, interval);
		}
		catch (RuntimeException ex) {
			logger.debug("No scheduler to look for stuck async work: it is looked for when the endpoint reads it", ex);
		}
	}

	@Override
	public void stop() {
		ScheduledFuture<?> check = this.check;
		this.check = null;
		if (check != null) {
			check.cancel(false);
		}
	}

	@Override
	public boolean isRunning() {
		return this.check != null;
	}

}
