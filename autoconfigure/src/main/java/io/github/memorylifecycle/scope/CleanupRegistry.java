package io.github.memorylifecycle.scope;

import org.jspecify.annotations.Nullable;

/**
 * A place to register cleanups that run when a scope ends: the HTTP request, the HTTP session, the application,
 * or the life of an owner object.
 * <p>
 * Cleanups run in reverse order of registration (LIFO), exactly once, when the scope ends. A cleanup that throws
 * is logged with its description and counted; it never stops the others. A cleanup registered on a scope that has
 * already ended runs at once, in the registering thread: nothing is ever dropped silently.
 */
public interface CleanupRegistry {

	/**
	 * Registers a cleanup described by its class name.
	 * @param cleanup the cleanup to run when the scope ends
	 * @return the registration, to cancel the cleanup or run it early
	 */
	default Registration register(AutoCloseable cleanup) {
		return register(null, cleanup);
	}

	/**
	 * Registers a cleanup with a description that logs and the actuator endpoint show.
	 * @param description what the cleanup releases, or {@code null} for the cleanup's class name
	 * @param cleanup the cleanup to run when the scope ends
	 * @return the registration, to cancel the cleanup or run it early
	 */
	Registration register(@Nullable String description, AutoCloseable cleanup);

	/**
	 * Returns how many cleanups wait for the end of the scope.
	 * @return the number of pending cleanups, zero when none or when the scope has ended
	 */
	int pending();

	/**
	 * Returns the name of the scope: {@code request}, {@code session}, {@code application} or {@code owner}.
	 * @return the scope name
	 */
	String scope();

}
