package io.github.memorylifecycle.sample;

import io.github.memorylifecycle.leak.LeakWatcher;
import io.github.memorylifecycle.scope.RequestCleanupRegistry;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pattern 6 of the texts: a node that references itself. The texts warn that "some GCs struggle with
 * self-references"; reference-counting collectors do, the JVM's tracing collectors do not: they follow references
 * from the roots, and an unreachable cycle is garbage like anything else. Both variants hand their node to the
 * {@link LeakWatcher} at the end of the request, and neither ever becomes a leak suspect.
 */
@RestController
@RequestMapping("/leaks/cycle")
class CycleDemoController {

	private final RequestCleanupRegistry requestCleanups;

	private final LeakWatcher leakWatcher;

	CycleDemoController(RequestCleanupRegistry requestCleanups, LeakWatcher leakWatcher) {
		this.requestCleanups = requestCleanups;
		this.leakWatcher = leakWatcher;
	}

	@PostMapping("/leaky")
	String leaky() {
		Node node = new Node();
		node.next = node; // points to itself
		this.requestCleanups.register("watch node", () -> this.leakWatcher.watch(node, "self-referencing node"));
		return "node of " + node.data.length + " bytes made, next = itself";
	}

	@PostMapping("/fixed")
	String fixed() {
		Node node = new Node();
		node.next = null; // the texts' "clean reference"
		this.requestCleanups.register("watch node", () -> this.leakWatcher.watch(node, "plain node"));
		return "node of " + node.data.length + " bytes made, next = null";
	}

	/**
	 * The texts' {@code Node}: some data and a reference to the next node.
	 */
	static final class Node {

		final byte[] data = new byte[64 * 1024];

		Node next;

	}

}
