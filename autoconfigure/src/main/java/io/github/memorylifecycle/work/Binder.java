package io.github.memorylifecycle.work;

import java.lang.ref.WeakReference;

import io.github.memorylifecycle.scope.CleanupRegistry;
import io.github.memorylifecycle.scope.Lifespan;
import io.github.memorylifecycle.scope.Lifespans;
import io.github.memorylifecycle.scope.OwnerCleanupRegistry;
import io.github.memorylifecycle.scope.Registration;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Binds the work started through a view ({@code forOwner}, {@code forRequest}, {@code boundTo}) to that view's scope
 * or owner: a cleanup that cancels the work is registered there, and cancelled again when the work ends first.
 * <p>
 * The cleanup references the record only, never the owner, and the binder itself holds the owner weakly (one
 * weak reference per view, shared by the bindings of its work), so that neither keeps the owner alive.
 */
public final class Binder {

	private final CleanupRegistry registry;

	private final WeakReference<Object> owner;

	private final String ownerType;

	private final OwnerCleanupRegistry owners;

	private Binder(CleanupRegistry registry, Object owner, OwnerCleanupRegistry owners) {
		this.registry = registry;
		this.owner = (owner != null) ? new WeakReference<>(owner) : null;
		this.ownerType = (owner != null) ? owner.getClass().getName() : null;
		this.owners = owners;
	}

	/**
	 * Binds to a lifespan.
	 * @param lifespan the lifespan
	 * @param lifespans resolves the current request and session, and ends owners
	 * @return the binder
	 */
	public static Binder of(Lifespan lifespan, Lifespans lifespans) {
		Assert.notNull(lifespan, "lifespan must not be null");
		if (lifespan instanceof Lifespan.Owner owner) {
			return toOwner(owner.owner(), lifespans.owners());
		}
		return toRegistry(lifespans.registryOf(lifespan));
	}

	/**
	 * Resolves lifespans outside an application context: only owners (ended by the given registry, if any) and
	 * explicit registries.
	 * @param owners the owner registry, or {@code null}
	 * @return the resolver
	 */
	public static Lifespans ownersOnly(@Nullable OwnerCleanupRegistry owners) {
		return new Lifespans(() -> null, () -> null, () -> owners);
	}

	static Binder toRegistry(CleanupRegistry registry) {
		return new Binder(registry, null, null);
	}

	/**
	 * Binds to an owner.
	 * @param owner the owner
	 * @param owners the registry that cancels the work when the owner is cleaned up or collected, or {@code null}
	 * to support {@code cancel(owner)} only
	 * @return the binder
	 */
	static Binder toOwner(Object owner, OwnerCleanupRegistry owners) {
		return new Binder(null, owner, owners);
	}

	/**
	 * Binds new work, before it is handed to the scheduler or executor. Work bound to a scope that has already
	 * ended, or to an owner already collected, is cancelled at once.
	 * @param work the new record, already live
	 */
	public void bind(TrackedWork work) {
		if (this.registry != null) {
			Binding binding = Binding.toScope(this.registry.scope());
			work.bind(binding);
			registered(work, binding, this.registry.register(work.site().cleanupDescription, work::endOfScope));
			return;
		}
		Object owner = this.owner.get();
		if (owner == null) {
			work.endOfScope();
			return;
		}
		Binding binding = Binding.toOwner(this.owner, this.ownerType);
		work.bind(binding);
		if (this.owners != null) {
			registered(work, binding, this.owners.register(owner, work.site().cleanupDescription, work::endOfScope));
		}
	}

	private static void registered(TrackedWork work, Binding binding,
			Registration registration) {
		binding.registered(registration);
		if (work.isRemoved()) {
			binding.release(); // the work ended while we registered: do not leave a dead entry in the scope
		}
	}

}
