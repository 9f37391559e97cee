package io.github.memorylifecycle.work;

import java.lang.ref.WeakReference;

import io.github.memorylifecycle.scope.Registration;

/**
 * What a piece of tracked work is bound to: a scope (request, session, application) or an owner object, and the
 * {@link Registration} that cancels the work when that scope or owner ends. The owner is held weakly, so binding
 * never keeps an owner alive; only its class name is kept for display.
 */
final class Binding {

	final String scope;

	final String ownerType;

	private final WeakReference<Object> owner;

	private volatile Registration registration;

	private Binding(String scope, WeakReference<Object> owner, String ownerType) {
		this.scope = scope;
		this.owner = owner;
		this.ownerType = ownerType;
	}

	static Binding toScope(String scope) {
		return new Binding(scope, null, null);
	}

	/**
	 * Binds to an owner through the weak reference of the view that binds it, shared by all the work of that view.
	 * @param owner the view's weak reference to the owner
	 * @param ownerType the owner's class name
	 * @return the binding
	 */
	static Binding toOwner(WeakReference<Object> owner, String ownerType) {
		return new Binding("owner", owner, ownerType);
	}

	boolean isOwnedBy(Object candidate) {
		return this.owner != null && this.owner.get() == candidate;
	}

	void registered(Registration registration) {
		this.registration = registration;
	}

	/**
	 * Forgets the scope's cleanup: the work ended first.
	 */
	void release() {
		Registration registration = this.registration;
		if (registration != null) {
			registration.cancel();
		}
	}

}
