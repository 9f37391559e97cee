package io.github.memorylifecycle.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.memorylifecycle.leak.LeakWatcher;
import io.github.memorylifecycle.scope.RequestCleanupRegistry;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pattern 5 of the texts: data parked in a global (static) field lives until the process ends.
 */
@RestController
@RequestMapping("/leaks/global")
class GlobalFieldLeakController implements LeakyState {

	/** "Recent uploads", parked where other components can find them. */
	static final List<byte[]> RECENT_UPLOADS = new CopyOnWriteArrayList<>();

	private final RequestCleanupRegistry requestCleanups;

	private final LeakWatcher leakWatcher;

	GlobalFieldLeakController(RequestCleanupRegistry requestCleanups, LeakWatcher leakWatcher) {
		this.requestCleanups = requestCleanups;
		this.leakWatcher = leakWatcher;
	}

	@PostMapping("/leaky")
	int leaky() {
		byte[] upload = new byte[64 * 1024];
		RECENT_UPLOADS.add(upload);
		this.requestCleanups.register("watch upload", () -> this.leakWatcher.watch(upload, "parked upload"));
		return RECENT_UPLOADS.size();
	}

	@PostMapping("/fixed")
	int fixed() {
		byte[] upload = new byte[64 * 1024];
		RECENT_UPLOADS.add(upload);
		this.requestCleanups.register("watch upload", () -> this.leakWatcher.watch(upload, "parked upload"));
		// registered last, so it runs first: the upload leaves the global list when the request ends
		this.requestCleanups.register("unpark upload", () -> RECENT_UPLOADS.remove(upload));
		return RECENT_UPLOADS.size();
	}

	@Override
	public int reset() {
		int parked = RECENT_UPLOADS.size();
		RECENT_UPLOADS.clear();
		return parked;
	}

}
