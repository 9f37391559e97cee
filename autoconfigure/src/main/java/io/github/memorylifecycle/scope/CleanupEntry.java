package io.github.memorylifecycle.scope;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One cleanup registered on a {@link CleanupStack}, which is also its {@link Registration}. Its links and state
 * change only under the stack's monitor, or before anyone else can see it.
 */
final class CleanupEntry implements Registration {

	private static final Log logger = LogFactory.getLog(CleanupRegistry.class);

	static final int PENDING = 0;

	static final int DONE = 1;

	private final CleanupStack stack;

	private final String description;

	private AutoCloseable cleanup;

	CleanupEntry prev; // guarded by the stack's monitor, like next and state

	CleanupEntry next;

	int state;

	CleanupEntry(CleanupStack stack, String description, AutoCloseable cleanup) {
		this.stack = stack;
		this.description = description;
		this.cleanup = cleanup;
	}

	@Override
	public boolean cancel() {
		if (!this.stack.claim(this)) {
			return false;
		}
		this.cleanup = null;
		return true;
	}

	@Override
	public boolean run() {
		if (!this.stack.claim(this)) {
			return false;
		}
		this.stack.ranEarly(execute());
		return true;
	}

	@Override
	public boolean isPending() {
		synchronized (this.stack) {
			return this.state == PENDING && !this.stack.isClosed();
		}
	}

	/**
	 * Returns whether this entry ends another scope adopted by its stack rather than being a cleanup of its own.
	 * @return whether it is an adopted scope
	 */
	boolean isAdopted() {
		return this.cleanup instanceof CleanupStack.Adopted;
	}

	AutoCloseable cleanup() {
		return this.cleanup;
	}

	/**
	 * Runs the cleanup; the caller has claimed the entry and counts the outcome.
	 * @return whether it ran without throwing
	 */
	boolean execute() {
		AutoCloseable action = this.cleanup;
		this.cleanup = null;
		try {
			action.close();
			return true;
		}
		catch (Throwable ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			logger.warn("Cleanup '" + describe(action) + "' of the " + this.stack.scope()
					+ " scope failed; the other cleanups still run", ex);
			return false;
		}
	}

	private String describe(AutoCloseable action) {
		return (this.description != null) ? this.description : action.getClass().getName();
	}

	@Override
	public String toString() {
		return "Registration[" + ((this.description != null) ? this.description : "cleanup") + ", "
				+ (isPending() ? "pending" : "done") + "]";
	}

}
