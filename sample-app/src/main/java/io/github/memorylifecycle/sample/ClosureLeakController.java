package io.github.memorylifecycle.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

import io.github.memorylifecycle.leak.LeakWatcher;
import io.github.memorylifecycle.scope.RequestCleanupRegistry;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pattern 1 of the texts: a closure keeps a large object alive after the code that made it returned, because the
 * closure itself is kept in a long-lived structure.
 * <p>
 * Both variants render a 256 KB report and register a closure over it in a long-lived list of "refresh" callbacks.
 * The leaky variant never takes it out; the fixed one registers its removal on the {@link RequestCleanupRegistry},
 * so it leaves the list when the request ends. Both hand the closure to the {@link LeakWatcher} at the end of the
 * request, when its life should be over: the leaky ones become leak suspects.
 */
@RestController
@RequestMapping("/leaks/closure")
class ClosureLeakController implements LeakyState {

	private static final int REPORT_BYTES = 256 * 1024;

	/** A long-lived structure: callbacks that re-render a report when asked. */
	private final List<IntSupplier> refreshCallbacks = new CopyOnWriteArrayList<>();

	private final RequestCleanupRegistry requestCleanups;

	private final LeakWatcher leakWatcher;

	ClosureLeakController(RequestCleanupRegistry requestCleanups, LeakWatcher leakWatcher) {
		this.requestCleanups = requestCleanups;
		this.leakWatcher = leakWatcher;
	}

	@PostMapping("/leaky")
	String leaky() {
		IntSupplier refresh = createRefresh();
		watchAtEndOfRequest(refresh);
		this.refreshCallbacks.add(refresh); // the closure, and the 256 KB report it captured, stay for ever
		return rendered(refresh);
	}

	@PostMapping("/fixed")
	String fixed() {
		IntSupplier refresh = createRefresh();
		watchAtEndOfRequest(refresh);
		this.refreshCallbacks.add(refresh);
		// registered after the watch, so it runs before it: cleanups run last-in, first-out
		this.requestCleanups.register("remove refresh callback", () -> this.refreshCallbacks.remove(refresh));
		return rendered(refresh);
	}

	private static IntSupplier createRefresh() {
		byte[] report = new byte[REPORT_BYTES];
		return () -> report.length; // captures the report: the texts' createClosure()
	}

	private void watchAtEndOfRequest(IntSupplier refresh) {
		// the closure should be garbage once the request is over: the leak watcher checks that it is
		this.requestCleanups.register("watch refresh callback",
				() -> this.leakWatcher.watch(refresh, "refresh callback"));
	}

	private String rendered(IntSupplier refresh) {
		return "report of " + refresh.getAsInt() + " bytes rendered; " + this.refreshCallbacks.size()
				+ " refresh callback(s) held";
	}

	@Override
	public int reset() {
		int leaked = this.refreshCallbacks.size();
		this.refreshCallbacks.clear();
		return leaked;
	}

}
