package io.github.memorylifecycle.scope;

import org.springframework.util.Assert;

/**
 * What tracked work or a runtime listener lives as long as: the current request, the current session, an owner
 * object or the scope of any {@link CleanupRegistry}. When it ends, the timers, async tasks and listeners bound to it
 * are cancelled or removed. One vocabulary for every feature:
 * <pre>{@code
 * scheduler.boundTo(Lifespan.request()).scheduleAtFixedRate(poll, Duration.ofSeconds(5));
 * executor.boundTo(Lifespan.owner(cart)).submit(refresh);
 * listeners.boundTo(Lifespan.session()).on(PriceChanged.class, cart::reprice);
 * }</pre>
 * {@link #request()} and {@link #session()} name the scope of the calling thread, resolved when {@code boundTo} is
 * called: call it on a request's thread, then use the view from any thread. A lifespan holds its owner only until it
 * is bound; bound work holds the owner weakly.
 */
public sealed interface Lifespan {

	/**
	 * The current HTTP request: bound work ends after the response is complete, including its async part.
	 * @return the lifespan of the calling thread's request
	 */
	static Lifespan request() {
		return Request.INSTANCE;
	}

	/**
	 * The current HTTP session: bound work ends when the session is invalidated or expires.
	 * @return the lifespan of the calling thread's session
	 */
	static Lifespan session() {
		return Session.INSTANCE;
	}

	/**
	 * An owner object: bound work ends when the owner is cleaned up through
	 * {@link OwnerCleanupRegistry#cleanup(Object)} or garbage-collected, and can be cancelled by owner.
	 * @param owner the owner, compared by identity
	 * @return the lifespan of the owner
	 */
	static Lifespan owner(Object owner) {
		Assert.notNull(owner, "owner must not be null");
		return new Owner(owner);
	}

	/**
	 * The scope of a registry: bound work ends when that scope ends.
	 * @param registry the registry; for the request and session registries, their {@code current()} registry binds
	 * to the scope of the calling thread
	 * @return the lifespan of the registry's scope
	 */
	static Lifespan of(CleanupRegistry registry) {
		Assert.notNull(registry, "registry must not be null");
		return new Scope(registry);
	}

	/**
	 * The current request.
	 */
	enum Request implements Lifespan {

		/**
		 * The only instance.
		 */
		INSTANCE

	}

	/**
	 * The current session.
	 */
	enum Session implements Lifespan {

		/**
		 * The only instance.
		 */
		INSTANCE

	}

	/**
	 * An owner object.
	 *
	 * @param owner the owner
	 */
	record Owner(Object owner) implements Lifespan {

		@Override
		public String toString() {
			return "Owner[" + owner.getClass().getName() + "]"; // never the owner's own toString()
		}

	}

	/**
	 * The scope of a registry.
	 *
	 * @param registry the registry
	 */
	record Scope(CleanupRegistry registry) implements Lifespan {
	}

}
