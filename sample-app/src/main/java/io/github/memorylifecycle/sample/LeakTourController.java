package io.github.memorylifecycle.sample;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalogue of leak patterns the page renders, and the sample-only helpers: undo every leak so far, and suggest
 * a garbage collection so that leak suspects show sooner. (The starter itself never calls {@code System.gc()}.)
 */
@RestController
@RequestMapping("/leaks")
class LeakTourController {

	static final List<LeakPattern> PATTERNS = List.of(
			new LeakPattern("closure", "1. closure keeps a large object",
					"each request stores a closure over a 256 KB report in a long-lived callback list and never "
							+ "takes it out (watch: leak suspects after a GC, heap)",
					"RequestCleanupRegistry.register(...) takes the callback out when the request ends"),
			new LeakPattern("timer", "2. repeating timer per request",
					"each request polls every 100 ms until it has 2 samples, then answers; its timer goes on "
							+ "sampling for ever (watch: live timers, heap)",
					"TrackedTaskScheduler.forRequest() cancels the timer when the request ends"),
			new LeakPattern("listener", "3. listener added per request",
					"each request subscribes a price display (64 KB) to the context and never unsubscribes it "
							+ "(watch: runtime listeners)",
					"ListenerRegistry.onRequest(...) removes the listener when the request ends"),
			new LeakPattern("cache", "4. unbounded map as a cache",
					"each request caches a 16 KB quote under a new key in a map that never evicts "
							+ "(watch: leaky cache entries)",
					"BoundedCaches.create(\"quotes\", " + CacheLeakController.FIXED_BOUND
							+ ") evicts past its bound"),
			new LeakPattern("global", "5. data parked in a global field",
					"each request parks a 64 KB upload in a static list and never takes it back "
							+ "(watch: leak suspects after a GC, heap)",
					"RequestCleanupRegistry.register(...) takes it back out when the request ends"),
			new LeakPattern("cycle", "6. self-referencing node",
					"a node whose next points to itself: no leak on the JVM, whose tracing GC collects cycles "
							+ "(leak suspects stay at 0 after a GC)",
					"next = null, as the text suggests: it changes nothing here, and the figures show it"));

	private final List<LeakyState> leakyStates;

	LeakTourController(List<LeakyState> leakyStates) {
		this.leakyStates = leakyStates;
	}

	@GetMapping
	List<LeakPattern> patterns() {
		return PATTERNS;
	}

	@PostMapping("/reset")
	ResponseEntity<String> reset() {
		int undone = 0;
		for (LeakyState state : this.leakyStates) {
			undone += state.reset();
		}
		return ResponseEntity.ok("undid " + undone + " leaks");
	}

	@PostMapping("/gc")
	ResponseEntity<String> gc() {
		System.gc(); // sample only: so that a newcomer does not wait for the next old-generation collection
		return ResponseEntity.ok("suggested a GC");
	}

}
