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
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Pattern 2 of the texts: {@code setInterval} pushing into an array, started per request and never cleared.
 * <p>
 * Both variants answer the same way: the request polls a reading every {@link #PERIOD} into its own list and
 * answers once it has {@link #SAMPLES} of them. The leaky variant never cancels its timer, which goes on filling
 * its list after the response, for the life of the process. The fixed variant schedules through
 * {@link TrackedTaskScheduler#forRequest()}: the timer is cancelled when the request ends, async part included.
 */
@RestController
@RequestMapping("/leaks/timer")
class TimerLeakController implements LeakyState {

	static final Duration PERIOD = Duration.ofMillis(100);

	static final int SAMPLES = 2;

	private static final int SAMPLE_BYTES = 128;

	private final TrackedTaskScheduler scheduler;

	private final Queue<ScheduledFuture<?>> leakedTimers = new ConcurrentLinkedQueue<>();

	TimerLeakController(TrackedTaskScheduler scheduler) {
		this.scheduler = scheduler;
	}

	@PostMapping("/leaky")
	DeferredResult<String> leaky() {
		DeferredResult<String> result = new DeferredResult<>();
		List<byte[]> samples = new ArrayList<>();
		// nobody ever cancels this timer: it keeps sampling after the response, for the life of the process
		ScheduledFuture<?> timer = this.scheduler.scheduleAtFixedRate(() -> sample(samples, result), PERIOD);
		this.leakedTimers.add(timer); // only so that POST /leaks/reset can undo the leak
		return result;
	}

	@PostMapping("/fixed")
	DeferredResult<String> fixed() {
		DeferredResult<String> result = new DeferredResult<>();
		List<byte[]> samples = new ArrayList<>();
		// bound to the request: cancelled when the request ends, answered or not
		this.scheduler.forRequest().scheduleAtFixedRate(() -> sample(samples, result), PERIOD);
		return result;
	}

	private static void sample(List<byte[]> samples, DeferredResult<String> result) {
		samples.add(new byte[SAMPLE_BYTES]);
		if (samples.size() == SAMPLES) {
			result.setResult(SAMPLES + " samples collected");
		}
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
