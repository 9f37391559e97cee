package io.github.memorylifecycle.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.memorylifecycle.leak.LeakWatcher;
import io.github.memorylifecycle.scope.RequestCleanupRegistry;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pattern 1 of the texts: a closure keeps a large object alive after the code that made it returned, because the
 * closure itself is kept in a long-lived structure.
 */
@RestController
@RequestMapping("/leaks/closure")
class ClosureLeakController implements LeakyState {

	/** A long-lived structure: callbacks run at some later point, say when a report is requested. */
	private final List<Runnable> reportCallbacks = new CopyOnWriteArrayList<>();

	private final RequestCleanupRegistry requestCleanups;

	private final LeakWatcher leakWatcher;

	ClosureLeakController(RequestCleanupRegistry requestCleanups, LeakWatcher leakWatcher) {
		this.requestCleanups = requestCleanups;
		this.leakWatcher = leakWatcher;
	}

	@PostMapping("/leaky")
	int leaky() {
		byte[] report = new byte[256 * 1024];
		this.reportCallbacks.add(() -> report[0]++); // the lambda keeps the 256 KB report alive for ever
		watchAfterRequest(report);
		return this.reportCallbacks.size();
	}

	@PostMapping("/fixed")
	int fixed() {
		byte[] report = new byte[256 * 1024];
		Runnable callback = () -> report[0]++;
		this.reportCallbacks.add(callback);
		this.requestCleanups.register("remove report callback", () -> this.reportCallbacks.remove(callback));
		watchAfterRequest(report);
		return this.reportCallbacks.size();
	}

	private void watchAfterRequest(byte[] report) {
		// the report should be garbage once the request is over: let the leak watcher check that it is
		this.requestCleanups.register("watch report", () -> this.leakWatcher.watch(report, "closure report"));
	}

	@Override
	public int reset() {
		int leaked = this.reportCallbacks.size();
		this.reportCallbacks.clear();
		return leaked;
	}

}
