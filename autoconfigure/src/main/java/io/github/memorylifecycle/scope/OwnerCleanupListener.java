package io.github.memorylifecycle.scope;

/**
 * Told when {@link OwnerCleanupRegistry#cleanup(Object)} has cleaned up an owner, so that a feature can follow the
 * owner afterwards (the leak watcher checks that it gets collected). Implementations must not keep the owner
 * strongly reachable.
 */
@FunctionalInterface
public interface OwnerCleanupListener {

	/**
	 * Called after the cleanups of an owner ran.
	 * @param owner the owner that was cleaned up
	 */
	void ownerCleanedUp(Object owner);

}
