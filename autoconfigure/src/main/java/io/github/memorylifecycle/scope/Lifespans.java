package io.github.memorylifecycle.scope;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Resolves a {@link Lifespan} against the application's scope registries, for the features that bind work to one:
 * {@link Lifespan#request()} to the current request's registry, and so on. Each registry may be absent (no servlet
 * web application, a component created outside Spring), in which case binding to it fails with a message that says
 * why. Created by the starter's auto-configuration; applications use {@link Lifespan} only.
 */
public final class Lifespans {

	/**
	 * Resolves against no registry but the ones a {@link Lifespan#of(CleanupRegistry)} names itself.
	 */
	public static final Lifespans NONE = new Lifespans(() -> null, () -> null, () -> null);

	private final Supplier<@Nullable RequestCleanupRegistry> requests;

	private final Supplier<@Nullable SessionCleanupRegistry> sessions;

	private final Supplier<@Nullable OwnerCleanupRegistry> owners;

	/**
	 * Creates a resolver. The registries are looked up on each use, so that it can be created before them.
	 * @param requests supplies the request registry, or {@code null}
	 * @param sessions supplies the session registry, or {@code null}
	 * @param owners supplies the owner registry, or {@code null}
	 */
	public Lifespans(Supplier<@Nullable RequestCleanupRegistry> requests,
			Supplier<@Nullable SessionCleanupRegistry> sessions, Supplier<@Nullable OwnerCleanupRegistry> owners) {
		this.requests = requests;
		this.sessions = sessions;
		this.owners = owners;
	}

	/**
	 * Returns the registry whose scope a lifespan names.
	 * @param lifespan a lifespan other than an owner
	 * @return the registry: for the request and session, the calling thread's
	 * @throws IllegalStateException if the lifespan is an owner, or its registry is absent, or no request is bound to
	 * the calling thread
	 */
	public CleanupRegistry registryOf(Lifespan lifespan) {
		if (lifespan instanceof Lifespan.Scope scope) {
			return scope.registry();
		}
		if (lifespan == Lifespan.request()) {
			return required(this.requests.get(), "RequestCleanupRegistry", "request").current();
		}
		if (lifespan == Lifespan.session()) {
			return required(this.sessions.get(), "SessionCleanupRegistry", "session").current();
		}
		throw new IllegalStateException("An owner has no registry of its own");
	}

	/**
	 * Returns the owner registry, which ends owner lifespans when owners are cleaned up or collected.
	 * @return the registry, or {@code null} when there is none: owner-bound work is then cancelled by owner only
	 */
	public @Nullable OwnerCleanupRegistry owners() {
		return this.owners.get();
	}

	private static <T> T required(@Nullable T registry, String type, String scope) {
		if (registry == null) {
			throw new IllegalStateException("No " + type + " bean: binding to the " + scope + " needs a servlet web "
					+ "application with memory-lifecycle's " + scope + " scope");
		}
		return registry;
	}

}
