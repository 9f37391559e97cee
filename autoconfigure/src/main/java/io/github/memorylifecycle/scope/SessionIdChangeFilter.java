package io.github.memorylifecycle.scope;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;

/**
 * Moves a session's cleanups to its new id when {@code HttpServletRequest.changeSessionId()} is called (Spring
 * Security's session fixation protection, for one) on a session kept by Spring Session, which tells no
 * {@code HttpSessionIdListener}. Registered right after Spring Session's {@code SessionRepositoryFilter}, so that it
 * wraps the request that filter made and every filter after it, Spring Security's included, sees the wrapper.
 */
final class SessionIdChangeFilter implements Filter {

	private final HttpSessionCleanupRegistry registry;

	SessionIdChangeFilter(HttpSessionCleanupRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		chain.doFilter((request instanceof HttpServletRequest http) ? new Request(http, this.registry) : request,
				response);
	}

	private static final class Request extends HttpServletRequestWrapper {

		private final HttpSessionCleanupRegistry registry;

		Request(HttpServletRequest request, HttpSessionCleanupRegistry registry) {
			super(request);
			this.registry = registry;
		}

		@Override
		public String changeSessionId() {
			HttpSession session = getSession(false);
			String oldId = (session != null) ? session.getId() : null;
			String newId = super.changeSessionId();
			if (oldId != null) {
				this.registry.sessionIdChanged(oldId, newId);
			}
			return newId;
		}

	}

}
