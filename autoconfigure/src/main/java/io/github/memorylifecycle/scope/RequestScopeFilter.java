package io.github.memorylifecycle.scope;

import java.io.IOException;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * Ends the request scope at the true end of each request: when the filter chain returns, or, for a request that
 * went async, when the async cycle completes (after the work finished, timed out or failed, and after the
 * re-dispatch). Spring's own request destruction callbacks run at the end of the first dispatch instead.
 * <p>
 * It allocates nothing per request: the dispatching thread's slot is kept per platform thread, a request that
 * registered no cleanup has no stack to end, and one shared {@link AsyncListener} serves every async request.
 */
final class RequestScopeFilter implements Filter {

	private final ServletRequestCleanupRegistry registry;

	private final AsyncListener endOnComplete;

	RequestScopeFilter(ServletRequestCleanupRegistry registry) {
		this.registry = registry;
		this.endOnComplete = new EndOnComplete(registry);
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		RequestDispatch dispatch = this.registry.enter(request);
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (request.isAsyncStarted()) {
				this.registry.handOver(request, dispatch);
				request.getAsyncContext().addListener(this.endOnComplete, request, response);
			}
			else {
				this.registry.end(request, dispatch);
			}
		}
	}

	private static final class EndOnComplete implements AsyncListener {

		private final ServletRequestCleanupRegistry registry;

		EndOnComplete(ServletRequestCleanupRegistry registry) {
			this.registry = registry;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			this.registry.end(event.getSuppliedRequest());
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			// a new async cycle drops the listeners of the previous one: follow it to its completion
			event.getAsyncContext().addListener(this, event.getSuppliedRequest(), event.getSuppliedResponse());
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			// completion follows and ends the scope
		}

		@Override
		public void onError(AsyncEvent event) {
			// completion follows and ends the scope
		}

	}

}
