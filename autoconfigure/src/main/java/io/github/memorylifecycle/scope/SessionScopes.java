package io.github.memorylifecycle.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The cleanups of the sessions of one application, keyed by session id, and what a sweep knows of each: the one
 * bookkeeping of {@link HttpSessionCleanupRegistry} (servlet sessions) and {@link ReactiveWebSessionCleanupRegistry}
 * (WebFlux sessions). Cleanups live here, never in the session: sessions stay serializable.
 */
final class SessionScopes {

	private final CleanupStatistics statistics;

	private final Map<String, Scope> scopes = new ConcurrentHashMap<>();

	SessionScopes(CleanupStatistics statistics) {
		this.statistics = statistics;
	}

	/**
	 * Returns the cleanups of a session, created on first use.
	 * @param id the session id
	 * @return its scope
	 */
	Scope open(String id) {
		return this.scopes.computeIfAbsent(id, (key) -> new Scope(new CleanupStack(this.statistics)));
	}

	@Nullable Scope get(String id) {
		return this.scopes.get(id);
	}

	/**
	 * Ends the scope of a session: runs its cleanups. A cleanup that registers another on the same dead session
	 * makes a new scope under its id, ended here too.
	 * @param id the session id
	 * @return how many cleanups ran, zero for an unknown session
	 */
	int end(String id) {
		int ran = 0;
		for (Scope scope; (scope = this.scopes.remove(id)) != null;) {
			ran += scope.stack.close();
		}
		return ran;
	}

	/**
	 * Moves a session's cleanups to its new id. Until the session is stored under the new id, a sweep that does not
	 * find it there does not take it for ended.
	 * @param oldId the id before the change
	 * @param newId the id after the change
	 */
	void idChanged(String oldId, String newId) {
		if (oldId.equals(newId)) {
			return;
		}
		Scope scope = this.scopes.remove(oldId);
		if (scope != null) {
			scope.stored = false;
			Scope existing = this.scopes.putIfAbsent(newId, scope);
			if (existing != null) {
				scope.stack.close(); // ids are unique: cannot happen with a well-behaved store; never lose them
			}
		}
	}

	/**
	 * Notes that a session was written to its store or found there: from then on, a sweep that does not find it
	 * there knows it ended.
	 * @param id the session id
	 */
	void stored(String id) {
		Scope scope = this.scopes.get(id);
		if (scope != null) {
			scope.stored = true;
			scope.misses = 0;
		}
	}

	/**
	 * Notes that a sweep did not find a session in its store, and ends its scope if that means it ended: at once
	 * for a session stored before, after {@code missesBeforeEnd} sweeps in a row for one never seen stored (its
	 * first request may still be writing it, or its write failed).
	 * @param id the session id
	 * @param missesBeforeEnd sweeps in a row that must miss a session never seen stored
	 * @return how many cleanups ran
	 */
	int missing(String id, int missesBeforeEnd) {
		Scope scope = this.scopes.get(id);
		if (scope == null) {
			return 0;
		}
		boolean ended;
		synchronized (scope) {
			ended = scope.stored || ++scope.misses >= missesBeforeEnd;
		}
		return (ended && this.scopes.remove(id, scope)) ? scope.stack.close() + end(id) : 0;
	}

	List<String> ids() {
		return new ArrayList<>(this.scopes.keySet());
	}

	/**
	 * Ends every session scope still open: the application is stopping.
	 */
	void close() {
		for (String id : ids()) {
			end(id);
		}
	}

	/**
	 * The cleanups of one session, and what the sweep knows of it.
	 */
	static final class Scope {

		final CleanupStack stack;

		/** Whether the session was seen in its store (written or found) since it got its current id. */
		volatile boolean stored;

		/** Sweeps in a row that did not find a session never seen stored; guarded by this. */
		int misses;

		/** The session object last seen, for stores whose sessions can tell their own expiry; or null. */
		volatile @Nullable Object session;

		Scope(CleanupStack stack) {
			this.stack = stack;
		}

	}

}
