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
 * As a servlet listener it learns of invalidation, expiry and session id changes from the container; when Spring
 * Session keeps the sessions, {@code SpringSessionEnds} tells it instead (see there). {@link #close()} runs what is
 * left when the application stops.
 */
final class HttpSessionCleanupRegistry
		implements SessionCleanupRegistry, StatisticsSource, HttpSessionListener, HttpSessionIdListener {

	private final CleanupStatistics statistics = new CleanupStatistics("session");

	private final Map<String, SessionCleanups> sessions = new ConcurrentHashMap<>();

	@Override
	public Registration register(String description, AutoCloseable cleanup) {
		return current().register(description, cleanup);
	}

	@Override
	public int pending() {
		HttpSession session = currentSession(false);
		SessionCleanups cleanups = (session != null) ? this.sessions.get(session.getId()) : null;
		return (cleanups != null) ? cleanups.stack.pending() : 0;
	}

	@Override
	public String scope() {
		return this.statistics.scope();
	}

	@Override
	public CleanupRegistry current() {
		HttpSession session = currentSession(true);
		String id = session.getId();
		SessionCleanups cleanups = this.sessions.computeIfAbsent(id,
				(key) -> new SessionCleanups(new CleanupStack(this.statistics)));
		if (!isValid(session)) {
			// invalidated while we were looking: its destroyed event may have passed us by
			sessionEnded(id);
		}
		return cleanups.stack;
	}

	@Override
	public int sessionEnded(String sessionId) {
		int ran = 0;
		// a cleanup may register another one on the same session while it ends (the container still calls the
		// session valid then): such a registration makes a new stack under the dead id, ended here too
		for (SessionCleanups cleanups; (cleanups = this.sessions.remove(sessionId)) != null;) {
			ran += cleanups.stack.close();
		}
		return ran;
	}

	/**
	 * Moves the cleanups of a session whose id changed to its new id. Until the session is stored again under its
	 * new id, a sweep that does not find it there does not take it for ended.
	 * @param oldSessionId the id before the change
	 * @param newSessionId the id after the change
	 */
	void sessionIdChanged(String oldSessionId, String newSessionId) {
		if (oldSessionId.equals(newSessionId)) {
			return;
		}
		SessionCleanups cleanups = this.sessions.remove(oldSessionId);
		if (cleanups != null) {
			cleanups.stored = false;
			SessionCleanups existing = this.sessions.putIfAbsent(newSessionId, cleanups);
			if (existing != null) {
				cleanups.stack.close(); // ids are unique: cannot happen with a well-behaved store; never lose them
			}
		}
	}

	/**
	 * Notes that a session this instance holds cleanups for was written to its store or found there by a sweep:
	 * from then on, a sweep that does not find it there knows it ended.
	 * @param sessionId the id of the stored session
	 */
	void sessionStored(String sessionId) {
		SessionCleanups cleanups = this.sessions.get(sessionId);
		if (cleanups != null) {
			cleanups.stored = true;
			cleanups.misses = 0;
		}
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
		SessionCleanups cleanups = this.sessions.get(sessionId);
		if (cleanups == null) {
			return 0;
		}
		boolean ended;
		synchronized (cleanups) {
			ended = cleanups.stored || ++cleanups.misses >= missesBeforeEnd;
		}
		return ended && this.sessions.remove(sessionId, cleanups) ? cleanups.stack.close() + sessionEnded(sessionId)
				: 0;
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

	/**
	 * The cleanups of one session, and what the sweep knows of it.
	 */
	private static final class SessionCleanups {

		final CleanupStack stack;

		/** Whether the session was seen in its store (written or found) since it got its current id. */
		volatile boolean stored;

		/** Sweeps in a row that did not find a session never seen stored; guarded by this. */
		int misses;

		SessionCleanups(CleanupStack stack) {
			this.stack = stack;
		}

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
