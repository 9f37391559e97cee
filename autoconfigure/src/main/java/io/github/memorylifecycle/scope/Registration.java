package io.github.memorylifecycle.scope;

/**
 * A cleanup registered with a {@link CleanupRegistry}. Whatever happens first of {@link #cancel()},
 * {@link #run()} and the end of the scope wins; the cleanup runs at most once. The end of a scope takes all of its
 * cleanups at once when it starts: from then on {@code cancel()} and {@code run()} return {@code false} and the end
 * runs them.
 */
public interface Registration {

	/**
	 * Forgets the cleanup without running it, and releases the reference the registry held to it.
	 * @return {@code true} if this call cancelled it, {@code false} if it had already run, been cancelled, or been
	 * taken by the end of its scope
	 */
	boolean cancel();

	/**
	 * Runs the cleanup now instead of at the end of the scope. A failure is logged and counted like at the end of
	 * the scope, never thrown.
	 * @return {@code true} if this call ran it, {@code false} if it had already run, been cancelled, or been taken
	 * by the end of its scope
	 */
	boolean run();

	/**
	 * Returns whether the cleanup still waits for the end of its scope.
	 * @return {@code true} until it runs, is cancelled, or its scope ends
	 */
	boolean isPending();

}
