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
					"a lambda capturing a 256 KB report is stored in a long-lived callback list and never removed "
							+ "(watch: leak suspects, heap)",
					"the request registry removes the callback when the request ends"),
			new LeakPattern("timer", "2. repeating timer per request",
					"each request starts a repeating task that keeps pushing 1 KB samples into its list, forever "
							+ "(watch: live timers)",
					"the timer is scheduled through TrackedTaskScheduler.forRequest(): cancelled when the request ends"),
			new LeakPattern("listener", "3. listener added per request",
					"each request adds an application listener (capturing 64 KB) and never removes it "
							+ "(watch: runtime listeners)",
					"ListenerRegistry.onRequest(...) removes the listener when the request ends"),
			new LeakPattern("cache", "4. unbounded map as a cache",
					"every request caches 16 KB under a new key in a map that never evicts (watch: cache entries)",
					"BoundedCaches.create(name, maximumSize) makes a Caffeine cache that evicts past its bound"),
			new LeakPattern("global", "5. data parked in a global field",
					"each request parks 64 KB in a static list for 'other components' and never takes it back "
							+ "(watch: leak suspects, heap)",
					"the request registry takes it back out when the request ends"),
			new LeakPattern("cycle", "6. self-referencing node",
					"a node whose next points to itself: no leak on the JVM, whose tracing GC collects cycles "
							+ "(both variants stay flat)",
					"next = null, as the text suggests; it changes nothing here, and the figures show it"));

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
