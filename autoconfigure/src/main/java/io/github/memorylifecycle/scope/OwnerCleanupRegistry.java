package io.github.memorylifecycle.scope;

import org.jspecify.annotations.Nullable;

/**
 * Cleanups that belong to an owner object: they run when {@link #cleanup(Object)} is called for the owner or,
 * failing that, once the owner has been garbage-collected.
 * <p>
 * Owners are held weakly (by identity): registering never keeps an owner alive. An owner collected without
 * {@code cleanup} still gets its cleanups run, on a background thread, and is counted as
 * "collected without cleanup": that count is a leak of the owner's resources that the registry caught. Cleanups
 * must therefore not capture their owner, or it can never be collected.
 */
public interface OwnerCleanupRegistry {

	/**
	 * Registers a cleanup for an owner, described by its class name.
	 * @param owner the owner, compared by identity
	 * @param cleanup the cleanup; it must not reference the owner
	 * @return the registration
	 */
	default Registration register(Object owner, AutoCloseable cleanup) {
		return register(owner, null, cleanup);
	}

	/**
	 * Registers a described cleanup for an owner.
	 * @param owner the owner, compared by identity
	 * @param description what the cleanup releases, or {@code null} for its class name
	 * @param cleanup the cleanup; it must not reference the owner
	 * @return the registration
	 */
	Registration register(Object owner, @Nullable String description, AutoCloseable cleanup);

	/**
	 * Runs the cleanups of an owner now, in reverse order of registration, and forgets the owner.
	 * @param owner the owner
	 * @return how many cleanups ran, zero for an owner with none
	 */
	int cleanup(Object owner);

	/**
	 * Returns how many owners have pending cleanups.
	 * @return the number of owners
	 */
	int owners();

}
