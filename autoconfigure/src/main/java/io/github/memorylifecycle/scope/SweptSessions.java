package io.github.memorylifecycle.scope;

import java.util.List;

/**
 * What a {@link SessionSweep} asks of the sessions it sweeps, whatever keeps them: the servlet sessions of Spring
 * Session's {@code SessionRepository}, or WebFlux's {@code WebSession}s.
 */
interface SweptSessions {

	/**
	 * Names the store, for log messages.
	 * @return the store's class name
	 */
	String store();

	/**
	 * Tells whether the store publishes its own session events, which make a sweep unnecessary.
	 * @return whether ends are learned from the store's events
	 */
	boolean storePublishesEvents();

	/**
	 * Returns the ids of the sessions this instance holds cleanups for.
	 * @return a snapshot
	 */
	List<String> sessionIds();

	/**
	 * Asks the store whether a session still exists, without extending its life.
	 * @param id the session id
	 * @return whether it exists
	 * @throws RuntimeException if the store cannot answer
	 */
	boolean exists(String id);

	/**
	 * Notes that the store has the session.
	 * @param id the session id
	 */
	void found(String id);

	/**
	 * Notes that the store does not have the session, and ends its scope if that means it ended.
	 * @param id the session id
	 * @param missesBeforeEnd how many sweeps in a row must miss a session never seen stored
	 * @return how many cleanups ran
	 */
	int missing(String id, int missesBeforeEnd);

}
