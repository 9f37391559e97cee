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
 * <p>
 * Both variants park a 64 KB upload in a static list where other components can find it while the request runs.
 * The leaky one never takes it back; the fixed one registers its removal on the {@link RequestCleanupRegistry}, so
 * the global list only ever holds the uploads of requests in progress. Both hand the upload to the
 * {@link LeakWatcher} at the end of the request: the leaky ones become leak suspects.
 */
@RestController
@RequestMapping("/leaks/global")
class GlobalFieldLeakController implements LeakyState {

	/** "Uploads in progress", parked where other components can find them. */
	static final List<byte[]> PARKED_UPLOADS = new CopyOnWriteArrayList<>();

	private static final int UPLOAD_BYTES = 64 * 1024;

	private final RequestCleanupRegistry requestCleanups;

	private final LeakWatcher leakWatcher;

	GlobalFieldLeakController(RequestCleanupRegistry requestCleanups, LeakWatcher leakWatcher) {
		this.requestCleanups = requestCleanups;
		this.leakWatcher = leakWatcher;
	}

	@PostMapping("/leaky")
	String leaky() {
		byte[] upload = new byte[UPLOAD_BYTES];
		watchAtEndOfRequest(upload);
		PARKED_UPLOADS.add(upload); // and never removed: it lives until the process ends
		return parked();
	}

	@PostMapping("/fixed")
	String fixed() {
		byte[] upload = new byte[UPLOAD_BYTES];
		watchAtEndOfRequest(upload);
		PARKED_UPLOADS.add(upload);
		// registered after the watch, so it runs before it: cleanups run last-in, first-out
		this.requestCleanups.register("unpark upload", () -> PARKED_UPLOADS.remove(upload));
		return parked();
	}

	private void watchAtEndOfRequest(byte[] upload) {
		this.requestCleanups.register("watch upload", () -> this.leakWatcher.watch(upload, "parked upload"));
	}

	private static String parked() {
		return "upload of " + UPLOAD_BYTES + " bytes parked; " + PARKED_UPLOADS.size() + " upload(s) parked";
	}

	@Override
	public int reset() {
		int parked = PARKED_UPLOADS.size();
		PARKED_UPLOADS.clear();
		return parked;
	}

}
