package io.github.memorylifecycle.scope;

import java.util.List;

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
 * As a servlet listener it learns of invalidation, expiry and session id changes from the container; when Spring
 * Session keeps the sessions, {@code SpringSessionEnds} tells it instead (see there). {@link #close()} runs what is
 * left when the application stops.
 */
final class HttpSessionCleanupRegistry
		implements SessionCleanupRegistry, StatisticsSource, HttpSessionListener, HttpSessionIdListener {

	private final CleanupStatistics statistics = new CleanupStatistics("session");

	private final SessionScopes sessions = new SessionScopes(this.statistics);

	@Override
	public Registration register(String description, AutoCloseable cleanup) {
		return current().register(description, cleanup);
	}

	@Override
	public int pending() {
		HttpSession session = currentSession(false);
		SessionScopes.Scope scope = (session != null) ? this.sessions.get(session.getId()) : null;
		return (scope != null) ? scope.stack.pending() : 0;
	}

	@Override
	public String scope() {
		return this.statistics.scope();
	}

	@Override
	public CleanupRegistry current() {
		HttpSession session = currentSession(true);
		String id = session.getId();
		SessionScopes.Scope scope = this.sessions.open(id);
		if (!isValid(session)) {
			// invalidated while we were looking: its destroyed event may have passed us by
			sessionEnded(id);
		}
		return scope.stack;
	}

	@Override
	public int sessionEnded(String sessionId) {
		return this.sessions.end(sessionId);
	}


	/**
	 * Moves the cleanups of a session whose id changed to its new id. Until the session is stored again under its
	 * new id, a sweep that does not find it there does not take it for ended.
	 * @param oldSessionId the id before the change
	 * @param newSessionId the id after the change
	 */
	void sessionIdChanged(String oldSessionId, String newSessionId) {
		this.sessions.idChanged(oldSessionId, newSessionId);
	}


	/**
	 * Notes that a session this instance holds cleanups for was written to its store or found there by a sweep:
	 * from then on, a sweep that does not find it there knows it ended.
	 * @param sessionId the id of the stored session
	 */
	void sessionStored(String sessionId) {
		this.sessions.stored(sessionId);
	}


	/**
	 * Notes that a sweep did not find a session in its store, and ends its scope if that means it ended: at once
	 * for a session stored before, after {@code missesBeforeEnd} sweeps in a row for a session never seen stored
	 * (its first request may still be writing it, or its write failed).
	 * @param sessionId the id of the session
	 * @param missesBeforeEnd how many sweeps in a row must miss a session never seen stored
	 * @return how many cleanups ran
	 */
	int sessionMissing(String sessionId, int missesBeforeEnd) {
		return this.sessions.missing(sessionId, missesBeforeEnd);
	}


	@Override
	public void sessionDestroyed(HttpSessionEvent event) {
		sessionEnded(event.getSession().getId());
	}

	@Override
	public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
		sessionIdChanged(oldSessionId, event.getSession().getId());
	}

	/**
	 * Ends every session scope still open: the application is stopping.
	 */
	void close() {
		this.sessions.close();
	}


	@Override
	public CleanupStatistics statistics() {
		return this.statistics;
	}

	List<String> sessionIds() {
		return this.sessions.ids();
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
