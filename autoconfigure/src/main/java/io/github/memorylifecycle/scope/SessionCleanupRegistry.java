package io.github.memorylifecycle.scope;

/**
 * Cleanups that run when the current HTTP session ends: on {@code invalidate()} and on expiry.
 * <p>
 * A singleton that is safe to inject anywhere: each call works on the session of the request bound to the calling
 * thread, creating the session if there is none yet. Nothing is stored in the {@code HttpSession} itself, so
 * sessions stay serializable.
 */
public interface SessionCleanupRegistry extends CleanupRegistry {

	/**
	 * Returns the registry of the current session, pinned to that session, for use from other threads.
	 * @return the registry of the current session
	 * @throws IllegalStateException if no request is bound to the calling thread
	 */
	CleanupRegistry current();

	/**
	 * Ends the scope of a session: runs its cleanups. The servlet container's session events call this already;
	 * call it from session stores that publish their own events (Spring Session's {@code SessionDestroyedEvent},
	 * for example), since those never reach servlet listeners.
	 * @param sessionId the id of the session that ended
	 * @return how many cleanups ran, zero for an unknown session
	 */
	int sessionEnded(String sessionId);

}
