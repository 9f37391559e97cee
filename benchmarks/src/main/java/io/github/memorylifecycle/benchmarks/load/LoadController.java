package io.github.memorylifecycle.benchmarks.load;

import java.util.concurrent.atomic.LongAdder;

import io.github.memorylifecycle.scope.RequestCleanupRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Three endpoints: {@code /hello} registers nothing (what the starter costs every request; a WebFlux exchange in
 * the reactive suite), {@code /hello/cleanup} registers one cleanup, through the starter when it is enabled and
 * through Spring's request destruction callbacks when it is not (the same work done both ways), and
 * {@code /hello/session} reads the request's session (Spring Session's JDBC store in the session suite).
 */
@RestController
class LoadController {

	private static final String GREETING = "Hello, world";

	private final RequestCleanupRegistry requestCleanups;

	private final LongAdder cleanupsRun = new LongAdder();

	private final AutoCloseable cleanup = this.cleanupsRun::increment;

	private final Runnable destructionCallback = this.cleanupsRun::increment;

	LoadController(ObjectProvider<RequestCleanupRegistry> requestCleanups) {
		this.requestCleanups = requestCleanups.getIfAvailable();
	}

	@GetMapping("/hello")
	String hello() {
		return GREETING;
	}

	@GetMapping("/hello/cleanup")
	String helloCleanup() {
		if (this.requestCleanups != null) {
			this.requestCleanups.register("count the request", this.cleanup);
		}
		else {
			RequestContextHolder.currentRequestAttributes()
				.registerDestructionCallback("count the request", this.destructionCallback,
						RequestAttributes.SCOPE_REQUEST);
		}
		return GREETING;
	}

	/**
	 * A request that reads its session (the session suite: sessions kept by Spring Session in JDBC).
	 * @param request the request
	 * @return the greeting
	 */
	@GetMapping("/hello/session")
	String helloSession(HttpServletRequest request) {
		HttpSession session = request.getSession();
		Object visits = session.getAttribute("visits");
		if (visits == null) {
			session.setAttribute("visits", "first");
		}
		return GREETING;
	}

	@GetMapping("/hello/cleanups-run")
	long cleanupsRun() {
		return this.cleanupsRun.sum();
	}

}
