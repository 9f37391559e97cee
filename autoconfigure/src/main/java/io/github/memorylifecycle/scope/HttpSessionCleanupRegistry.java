package io.github.memorylifecycle.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The {@link SessionCleanupRegistry} of a servlet application. The cleanups of each session are kept here, keyed by
 * session id, and never in the {@link HttpSession}: session attributes must stay serializable, cleanups are not.
 * As a servlet listener it learns of invalidation, expiry and session id changes; {@link #close()} runs what is
 * left when the application stops.
 */
final class HttpSessionCleanupRegistry
		implements SessionCleanupRegistry, StatisticsSource, HttpSessionListener, HttpSessionIdListener {

	private final CleanupStatistics statistics = new CleanupStatistics("session");

	private final Map<String, CleanupStack> sessions = new ConcurrentHashMap<>();

	@Override
	public Registration register(String description, AutoCloseable cleanup) {
		return current().register(description, cleanup);
	}

	@Override
	public int pending() {
		HttpSession session = currentSession(false);
		CleanupStack stack = (session != null) ? this.sessions.get(session.getId()) : null;
		return (stack != null) ? stack.pending() : 0;
	}

	@Override
	public String scope() {
		return this.statistics.scope();
	}

	@Override
	public CleanupRegistry current() {
		HttpSession session = currentSession(true);
		String id = session.getId();
		CleanupStack stack = this.sessions.computeIfAbsent(id, (key) -> new CleanupStack(this.statistics));
		if (!isValid(session)) {
			// invalidated while we were looking: its destroyed event may have passed us by
			sessionEnded(id);
		}
		return stack;
	}

	@Override
	public int sessionEnded(String sessionId) {
		int ran = 0;
		// a cleanup may register another one on the same session while it ends (the container still calls the
		// session valid then): such a registration makes a new stack under the dead id, ended here too
		for (CleanupStack stack; (stack = this.sessions.remove(sessionId)) != null;) {
			ran += stack.close();
		}
		return ran;
	}

	@Override
	public void sessionDestroyed(HttpSessionEvent event) {
		sessionEnded(event.getSession().getId());
	}

	@Override
	public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
		CleanupStack stack = this.sessions.remove(oldSessionId);
		if (stack != null) {
			CleanupStack existing = this.sessions.putIfAbsent(event.getSession().getId(), stack);
			if (existing != null) {
				stack.close(); // cannot happen with a well-behaved container; never lose the cleanups
			}
		}
	}

	/**
	 * Ends every session scope still open: the application is stopping.
	 */
	void close() {
		for (String id : new ArrayList<>(this.sessions.keySet())) {
			sessionEnded(id);
		}
	}

	@Override
	public CleanupStatistics statistics() {
		return this.statistics;
	}

	List<String> sessionIds() {
		return new ArrayList<>(this.sessions.keySet());
	}

	private static boolean isValid(HttpSession session) {
		try {
			session.getCreationTime();
			return true;
		}
		catch (IllegalStateException invalidated) {
			return false;
		}
	}

	private static HttpSession currentSession(boolean create) {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servletAttributes) {
			return servletAttributes.getRequest().getSession(create);
		}
		if (create) {
			throw new IllegalStateException("No HTTP request is bound to thread '" + Thread.currentThread().getName()
					+ "': register session cleanups while handling a request, or keep SessionCleanupRegistry.current() "
					+ "from the request thread to register from other threads");
		}
		return null;
	}

}
