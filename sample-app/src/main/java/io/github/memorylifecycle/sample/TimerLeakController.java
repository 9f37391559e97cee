package io.github.memorylifecycle.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;

import io.github.memorylifecycle.scheduling.TrackedTaskScheduler;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pattern 2 of the texts: {@code setInterval} pushing into an array, started per request and never cleared.
 */
@RestController
@RequestMapping("/leaks/timer")
class TimerLeakController implements LeakyState {

	private static final Duration PERIOD = Duration.ofMillis(250);

	private final TrackedTaskScheduler scheduler;

	private final Queue<ScheduledFuture<?>> leakedTimers = new ConcurrentLinkedQueue<>();

	TimerLeakController(TrackedTaskScheduler scheduler) {
		this.scheduler = scheduler;
	}

	@PostMapping("/leaky")
	int leaky() {
		List<byte[]> samples = new ArrayList<>();
		// nobody ever cancels this: it runs, and grows its list, for the life of the process
		this.leakedTimers.add(this.scheduler.scheduleAtFixedRate(() -> samples.add(new byte[1024]), PERIOD));
		return this.leakedTimers.size();
	}

	@PostMapping("/fixed")
	int fixed() {
		List<byte[]> samples = new ArrayList<>();
		// bound to the request: cancelled when the request ends, whatever happens in between
		this.scheduler.forRequest().scheduleAtFixedRate(() -> samples.add(new byte[1024]), PERIOD);
		return 0;
	}

	@Override
	public int reset() {
		int cancelled = 0;
		for (ScheduledFuture<?> timer; (timer = this.leakedTimers.poll()) != null;) {
			timer.cancel(false);
			cancelled++;
		}
		return cancelled;
	}

}
