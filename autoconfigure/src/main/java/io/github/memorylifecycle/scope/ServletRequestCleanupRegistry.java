package io.github.memorylifecycle.scope;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The {@link RequestCleanupRegistry} of a servlet application. The cleanups of a request live in a request
 * attribute, created on the first registration; {@link RequestScopeFilter} ends the scope at the true end of the
 * request.
 * <p>
 * The request is found through Spring's {@link RequestContextHolder}, which Spring MVC also binds while a
 * {@code Callable} runs, and read through the servlet request itself, which (unlike Spring's request attributes)
 * stays usable until the async part of the request is complete.
 * <p>
 * Per request it costs one attribute and two uncontended monitors (the request's, the new stack's) at the first
 * registration, one monitor per later registration and at the end, and the request
 * scope's statistics count pending cleanups in steps of {@value #PENDING_STEP} (see {@link CleanupStatistics}).
 */
final class ServletRequestCleanupRegistry implements RequestCleanupRegistry, StatisticsSource {

	static final String ATTRIBUTE = RequestCleanupRegistry.class.getName();

	/**
	 * How far the request scope's pending count may lag behind per open request: a request registering up to this
	 * many cleanups updates the shared counters only at its first registration and at its end.
	 */
	static final int PENDING_STEP = 8;

	private final CleanupStatistics statistics = new CleanupStatistics("request", PENDING_STEP);

	@Override
	public Registration register(String description, AutoCloseable cleanup) {
		HttpServletRequest request = currentRequest(true);
		Object stack = request.getAttribute(ATTRIBUTE);
		if (stack != null) {
			return ((CleanupStack) stack).register(description, cleanup);
		}
		return registerFirst(request, description, cleanup);
	}

	/**
	 * Registers the first cleanup of a request: creates its stack already holding the cleanup, so that the open
	 * scope and its first pending cleanup are counted in one statistics update. The request's monitor guards against
	 * another thread of the same request creating a second stack.
	 */
	private Registration registerFirst(HttpServletRequest request, String description, AutoCloseable cleanup) {
		Object stack;
		synchronized (request) { // only two threads of one request can race here
			stack = request.getAttribute(ATTRIBUTE);
			if (stack == null) {
				CleanupStack created = new CleanupStack(this.statistics, description, cleanup);
				Registration first = created.firstRegistration();
				request.setAttribute(ATTRIBUTE, created);
				return first;
			}
		}
		return ((CleanupStack) stack).register(description, cleanup);
	}

	@Override
	public int pending() {
		HttpServletRequest request = currentRequest(false);
		Object stack = (request != null) ? request.getAttribute(ATTRIBUTE) : null;
		return (stack != null) ? ((CleanupStack) stack).pending() : 0;
	}

	@Override
	public String scope() {
		return this.statistics.scope();
	}

	@Override
	public CleanupRegistry current() {
		HttpServletRequest request = currentRequest(true);
		Object stack = request.getAttribute(ATTRIBUTE);
		if (stack == null) {
			synchronized (request) { // only two threads of one request can race here
				stack = request.getAttribute(ATTRIBUTE);
				if (stack == null) {
					stack = new CleanupStack(this.statistics);
					request.setAttribute(ATTRIBUTE, stack);
				}
			}
		}
		return (CleanupStack) stack;
	}

	/**
	 * Ends the scope of a request: runs its cleanups, if it has any.
	 * @param request the request that ended
	 */
	void end(ServletRequest request) {
		Object stack = request.getAttribute(ATTRIBUTE);
		if (stack != null) {
			((CleanupStack) stack).close();
		}
	}

	@Override
	public CleanupStatistics statistics() {
		return this.statistics;
	}

	private static HttpServletRequest currentRequest(boolean required) {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servletAttributes) {
			return servletAttributes.getRequest();
		}
		if (required) {
			throw new IllegalStateException("No HTTP request is bound to thread '" + Thread.currentThread().getName()
					+ "': register request cleanups while handling a request, or keep RequestCleanupRegistry.current() "
					+ "from the request thread to register from other threads");
		}
		return null;
	}

}
