package io.github.memorylifecycle.events;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.github.memorylifecycle.scope.Registration;

/**
 * The {@link Registration} of a listener added through {@link ListenerRegistry}: whichever comes first of
 * {@link #cancel()}, {@link #run()}, the end of the scope it is bound to and its removal by other means removes the
 * listener, once, and withdraws the cleanup from the scope so that the scope keeps no dead entry.
 * <p>
 * The cleanup registered with the scope references this registration, never the owner.
 */
final class ListenerRegistration implements Registration, AutoCloseable {

	private final AtomicBoolean active = new AtomicBoolean(true);

	private final RegisteredListener listener;

	private final Consumer<RegisteredListener> remover;

	private volatile Registration scopeRegistration;

	ListenerRegistration(RegisteredListener listener, Consumer<RegisteredListener> remover) {
		this.listener = listener;
		this.remover = remover;
		listener.registration(this);
	}

	@Override
	public boolean cancel() {
		return remove();
	}

	@Override
	public boolean run() {
		return remove();
	}

	@Override
	public boolean isPending() {
		return this.active.get();
	}

	/**
	 * The cleanup of the scope: the scope has ended, remove the listener.
	 */
	@Override
	public void close() {
		if (this.active.compareAndSet(true, false)) {
			this.remover.accept(this.listener);
		}
	}

	/**
	 * Binds the listener to the registration of its cleanup in a scope. If the listener is already gone, the cleanup
	 * is withdrawn at once.
	 * @param scopeRegistration the registration of the cleanup
	 */
	void bind(Registration scopeRegistration) {
		this.scopeRegistration = scopeRegistration;
		if (!this.active.get()) {
			scopeRegistration.cancel();
		}
	}

	void detached() {
		if (this.active.compareAndSet(true, false)) {
			withdraw();
		}
	}

	private boolean remove() {
		if (!this.active.compareAndSet(true, false)) {
			return false;
		}
		this.remover.accept(this.listener);
		withdraw();
		return true;
	}

	private void withdraw() {
		Registration registration = this.scopeRegistration;
		if (registration != null) {
			registration.cancel();
		}
	}

	/**
	 * Describes the listener for the scope it is bound to.
	 * @return {@code listener <description> on <event type>}
	 */
	String describe() {
		return "listener " + this.listener.description() + " on " + this.listener.eventType();
	}

	@Override
	public String toString() {
		return "Registration[" + describe() + ", " + (isPending() ? "pending" : "done") + "]";
	}

}
