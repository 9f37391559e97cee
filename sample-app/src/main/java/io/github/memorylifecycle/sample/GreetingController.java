package io.github.memorylifecycle.sample;

import java.util.concurrent.atomic.AtomicLong;

import io.github.memorylifecycle.scope.RequestCleanupRegistry;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The smallest use of the starter: a singleton controller registers a cleanup on the current request, and the
 * cleanup runs once the response is complete.
 */
@RestController
class GreetingController {

	private final RequestCleanupRegistry requestCleanups;

	private final AtomicLong openBuffers = new AtomicLong();

	GreetingController(RequestCleanupRegistry requestCleanups) {
		this.requestCleanups = requestCleanups;
	}

	@GetMapping("/hello")
	String hello(@RequestParam(defaultValue = "world") String name) {
		byte[] buffer = new byte[64 * 1024]; // some per-request resource
		this.openBuffers.incrementAndGet();
		this.requestCleanups.register("release buffer for " + name, this.openBuffers::decrementAndGet);
		return "Hello, " + name + " (" + buffer.length + " bytes buffered, " + this.openBuffers.get() + " open)";
	}

	@GetMapping("/hello/open-buffers")
	long openBuffers() {
		return this.openBuffers.get();
	}

}
