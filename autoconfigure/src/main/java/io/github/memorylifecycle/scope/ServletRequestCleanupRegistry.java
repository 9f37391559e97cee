package io.github.memorylifecycle.scope;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The {@link RequestCleanupRegistry} of a servlet application; {@link RequestScopeFilter} ends the scope at the true
 * end of each request.
 * <p>
 * The request is found through Spring's {@link RequestContextHolder}, which Spring MVC also binds while a
 * {@code Callable} runs. Where its cleanups live depends on the thread that registers them:
 * <ul>
 * <li>On the thread that dispatches the request through the filter (a platform thread), in a stack that thread
 * keeps for the dispatch: no request attribute, no lock on the request. The filter runs it when the dispatch
 * ends, or, when the request went async, hands it over to the request attribute below, where the async end
 * finds it.</li>
 * <li>On any other thread of the request, on a virtual thread (one per request: a per-thread slot would be
 * allocated per request), and once {@link #current()} has handed the registry out, in a request attribute created
 * on the first registration, which other threads and the async end find and which (unlike Spring's request
 * attributes) stays usable until the async part of the request is complete.</li>
 * </ul>
 * At the end both run, the attribute's first: cleanups registered from other threads of the request run before
 * those the dispatching thread registered (an async part started by the request registers later, so this is
 * last-in, first-out across threads too, as far as an order between threads exists).
 * <p>
 * The request scope's statistics count pending cleanups in steps of {@value #PENDING_STEP} (see
 * {@link CleanupStatistics}); a stack the dispatching thread keeps counts in that thread's own counters
 * ({@link ThreadCleanupCounters}), without an atomic operation.
 */
final class ServletRequestCleanupRegistry implements RequestCleanupRegistry, StatisticsSource {

	static final String ATTRIBUTE = RequestCleanupRegistry.class.getName();

	/**
	 * How far the request scope's pending count may lag behind per open request: a request registering up to this
	 * many cleanups updates the shared counters only at its first registration and at its end.
	 */
	static final int PENDING_STEP = 8;

	private final CleanupStatistics statistics = new CleanupStatistics("request", PENDING_STEP);

	/**
	 * How many shared stacks were created so far (modulo 2^32), incremented before each is stored: a dispatch during
	 * which it did not change has no shared stack to end, and skips the attribute lookup.
	 */
	private final AtomicInteger sharedStacks = new AtomicInteger();

	@Override
	public Registration register(String description, AutoCloseable cleanup) {
		HttpServletRequest request = currentRequest(true);
		RequestDispatch dispatch = RequestDispatch.of(request);
		if (dispatch != null) {
			CleanupStack stack = dispatch.stack;
			if (stack != null) {
				return stack.register(description, cleanup);
			}
			stack = new CleanupStack(dispatch.counters(this.statistics), description, cleanup);
			dispatch.stack = stack;
			return stack.firstRegistration();
		}
		Object stack = request.getAttribute(ATTRIBUTE);
		if (stack != null) {
			return ((CleanupStack) stack).register(description, cleanup);
		}
		return registerFirst(request, description, cleanup);
	}

	/**
	 * Registers the first cleanup of a request's shared stack: creates it already holding the cleanup, so that the
	 * open scope and its first pending cleanup are counted in one statistics update. The request's monitor guards
	 * against another thread of the same request creating a second stack.
	 */
	private Registration registerFirst(HttpServletRequest request, String description, AutoCloseable cleanup) {
		Object stack;
		synchronized (request) { // only threads of one request can race here
			stack = request.getAttribute(ATTRIBUTE);
			if (stack == null) {
				CleanupStack created = new CleanupStack(this.statistics, description, cleanup);
				sharing();
				created.shareThrough(() -> request.setAttribute(ATTRIBUTE, created));
				return created.firstRegistration();
			}
		}
		return ((CleanupStack) stack).register(description, cleanup);
	}

	@Override
	public int pending() {
		HttpServletRequest request = currentRequest(false);
		if (request == null) {
			return 0;
		}
		RequestDispatch dispatch = RequestDispatch.of(request);
		CleanupStack own = (dispatch != null) ? dispatch.stack : null;
		Object shared = request.getAttribute(ATTRIBUTE);
		int pending = (own != null) ? own.pending() : 0;
		return (shared != null && shared != own) ? pending + ((CleanupStack) shared).pending() : pending;
	}

	@Override
	public String scope() {
		return this.statistics.scope();
	}

	/**
	 * Returns the request's shared stack, creating it if needed. On the dispatching thread the stack it keeps
	 * becomes the shared one (or adopts the shared one), so that the registry handed out and the dispatching thread
	 * register on the same stack from then on.
	 */
	@Override
	public CleanupRegistry current() {
		HttpServletRequest request = currentRequest(true);
		RequestDispatch dispatch = RequestDispatch.of(request);
		synchronized (request) { // only threads of one request can race here
			Object stack = request.getAttribute(ATTRIBUTE);
			if (stack == null) {
				CleanupStack shared = (dispatch != null && dispatch.stack != null) ? dispatch.stack
						: new CleanupStack(this.statistics);
				sharing();
				shared.shareThrough(() -> request.setAttribute(ATTRIBUTE, shared));
				stack = shared;
			}
			if (dispatch != null && dispatch.stack == null) {
				dispatch.stack = (CleanupStack) stack;
			}
			return (CleanupStack) stack;
		}
	}

	/**
	 * Starts the dispatch of a request on this thread, called by the filter.
	 * @param request the request as the filter sees it
	 * @return the thread's dispatch slot, or {@code null} when this thread keeps none (see
	 * {@link RequestDispatch#begin(ServletRequest)})
	 */
	@Nullable RequestDispatch enter(ServletRequest request) {
		RequestDispatch dispatch = RequestDispatch.begin(request);
		if (dispatch != null) {
			dispatch.sharedStacks = this.sharedStacks.get();
		}
		return dispatch;
	}

	/**
	 * Ends the scope of a request whose dispatch ended without going async: runs the cleanups registered from other
	 * threads, then those of the dispatching thread.
	 * @param request the request
	 * @param dispatch what {@link #enter(ServletRequest)} returned
	 */
	void end(ServletRequest request, @Nullable RequestDispatch dispatch) {
		boolean noneShared = dispatch != null && dispatch.sharedStacks == this.sharedStacks.get();
		CleanupStack own = RequestDispatch.end(dispatch);
		Object shared = noneShared ? null : request.getAttribute(ATTRIBUTE);
		if (shared != null && shared != own) {
			((CleanupStack) shared).close();
		}
		if (own != null) {
			own.close();
		}
	}

	/**
	 * Hands the dispatching thread's cleanups over to the request attribute, where the async end finds them: the
	 * request went async. When other threads already registered there, the dispatching thread's cleanups run after
	 * theirs.
	 * @param request the request
	 * @param dispatch what {@link #enter(ServletRequest)} returned
	 */
	void handOver(ServletRequest request, @Nullable RequestDispatch dispatch) {
		CleanupStack own = RequestDispatch.end(dispatch);
		if (own == null) {
			return;
		}
		Object shared;
		synchronized (request) { // only threads of one request can race here
			shared = request.getAttribute(ATTRIBUTE);
			if (shared == null) {
				sharing();
				own.shareThrough(() -> request.setAttribute(ATTRIBUTE, own));
				return;
			}
		}
		if (shared != own) {
			((CleanupStack) shared).adopt(own);
		}
	}

	/**
	 * Ends the scope of a request at the end of its async part: runs the cleanups of its shared stack.
	 * @param request the request that ended
	 */
	void end(ServletRequest request) {
		Object stack = request.getAttribute(ATTRIBUTE);
		if (stack != null) {
			((CleanupStack) stack).close();
		}
	}

	private void sharing() {
		this.sharedStacks.incrementAndGet();
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
