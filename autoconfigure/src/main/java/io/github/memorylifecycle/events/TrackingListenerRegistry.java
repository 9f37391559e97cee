package io.github.memorylifecycle.events;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.memorylifecycle.scope.CleanupRegistry;
import io.github.memorylifecycle.scope.Lifespan;
import io.github.memorylifecycle.scope.Lifespans;
import io.github.memorylifecycle.scope.OwnerCleanupRegistry;
import io.github.memorylifecycle.scope.Registration;

import org.springframework.context.ApplicationListener;
import org.springframework.util.Assert;

/**
 * The {@link ListenerRegistry}: wraps each consumer in a {@link RegisteredListener}, adds it through the application
 * context (so that the context, its multicaster and the tracker all know it) and binds its removal to a scope.
 * <p>
 * When the application's multicaster could not be tracked, the registry records its own listeners in the tracker
 * itself, so that they are still listed and counted.
 */
final class TrackingListenerRegistry implements ListenerRegistry {

	private final ListenerTracker tracker;

	private final ListenerSink sink;

	private final Lifespans lifespans;

	private final OwnerReferenceCheck ownerCheck;

	private final String description;

	private final CleanupRegistry scope;

	private final WeakReference<Object> owner;

	/**
	 * Creates a registry.
	 * @param tracker the tracker of the application's multicaster
	 * @param sink adds and removes listeners, usually through the application context
	 * @param lifespans resolves the lifespans listeners are bound to
	 * @param ownerCheck warns about listeners that reference their owner
	 */
	TrackingListenerRegistry(ListenerTracker tracker, ListenerSink sink, Lifespans lifespans,
			OwnerReferenceCheck ownerCheck) {
		this(tracker, sink, lifespans, ownerCheck, null, null, null);
	}

	private TrackingListenerRegistry(ListenerTracker tracker, ListenerSink sink, Lifespans lifespans,
			OwnerReferenceCheck ownerCheck, String description, CleanupRegistry scope, WeakReference<Object> owner) {
		this.tracker = tracker;
		this.sink = sink;
		this.lifespans = lifespans;
		this.ownerCheck = ownerCheck;
		this.description = description;
		this.scope = scope;
		this.owner = owner;
	}

	@Override
	public <E> Registration on(Class<E> eventType, Consumer<? super E> listener) {
		if (this.owner != null) {
			Object owner = this.owner.get();
			if (owner == null) {
				throw new IllegalStateException("The owner this registry is bound to was garbage-collected");
			}
			Assert.notNull(listener, "listener must not be null");
			this.ownerCheck.check(owner, listener);
			return bindToOwner(owner, eventType, listener, listener);
		}
		CleanupRegistry scope = this.scope;
		if (scope != null) {
			return add(eventType, listener, listener, null, scope.scope(),
					(registration) -> scope.register(registration.describe(), registration));
		}
		return add(eventType, listener, listener, null, null, null);
	}

	@Override
	public ListenerRegistry boundTo(Lifespan lifespan) {
		Assert.notNull(lifespan, "lifespan must not be null");
		if (lifespan instanceof Lifespan.Owner bound) {
			return new TrackingListenerRegistry(this.tracker, this.sink, this.lifespans, this.ownerCheck,
					this.description, null, new WeakReference<>(bound.owner()));
		}
		return new TrackingListenerRegistry(this.tracker, this.sink, this.lifespans, this.ownerCheck,
				this.description, this.lifespans.registryOf(lifespan), null);
	}

	@Override
	public <E> Registration onOwner(Object owner, Class<E> eventType, Consumer<? super E> listener) {
		return boundTo(Lifespan.owner(owner)).on(eventType, listener);
	}

	@Override
	public <O, E> Registration onOwner(O owner, Class<E> eventType, BiConsumer<? super O, ? super E> listener) {
		Assert.notNull(owner, "owner must not be null");
		Assert.notNull(listener, "listener must not be null");
		this.ownerCheck.check(owner, listener);
		Consumer<E> consumer = new OwnerPassingConsumer<>(new WeakReference<>(owner), listener);
		return bindToOwner(owner, eventType, consumer, listener);
	}

	@Override
	public <E> Registration onScope(CleanupRegistry scope, Class<E> eventType, Consumer<? super E> listener) {
		return boundTo(Lifespan.of(scope)).on(eventType, listener);
	}

	@Override
	public <E> Registration onRequest(Class<E> eventType, Consumer<? super E> listener) {
		return boundTo(Lifespan.request()).on(eventType, listener);
	}

	@Override
	public <E> Registration onSession(Class<E> eventType, Consumer<? super E> listener) {
		return boundTo(Lifespan.session()).on(eventType, listener);
	}

	@Override
	public ListenerRegistry describedAs(String description) {
		Assert.hasText(description, "description must not be empty");
		return new TrackingListenerRegistry(this.tracker, this.sink, this.lifespans, this.ownerCheck, description,
				this.scope, this.owner);
	}

	@Override
	public List<ListenerInfo> liveListeners() {
		return this.tracker.liveListeners(Integer.MAX_VALUE);
	}

	private <E> Registration bindToOwner(Object owner, Class<E> eventType, Consumer<? super E> listener,
			Object described) {
		OwnerCleanupRegistry owners = this.lifespans.owners();
		if (owners == null) {
			throw new IllegalStateException("No OwnerCleanupRegistry bean: listeners can be bound to owners only when "
					+ "the memory-lifecycle scopes are enabled");
		}
		return add(eventType, listener, described, ListenerDescriptions.owner(owner), "owner",
				(registration) -> owners.register(owner, registration.describe(), registration));
	}

	/**
	 * Adds a listener, then binds it to its scope.
	 * @param eventType the event or payload type
	 * @param consumer the consumer the listener calls
	 * @param described the object whose class name describes the listener when no description was given
	 * @param owner the description of the owner, or {@code null}
	 * @param scope the name of the scope, or {@code null}
	 * @param binding registers the registration's cleanup with the scope, or {@code null}
	 * @return the registration
	 */
	private <E> Registration add(Class<E> eventType, Consumer<? super E> consumer, Object described, String owner,
			String scope, Function<ListenerRegistration, Registration> binding) {
		Assert.notNull(eventType, "eventType must not be null");
		Assert.notNull(consumer, "listener must not be null");
		String description = (this.description != null) ? this.description
				: ListenerDescriptions.className(described);
		RegisteredListener listener = new RegisteredListener(eventType, consumer, description, owner, scope);
		ListenerRegistration registration = new ListenerRegistration(listener, this::remove);
		// added before it is bound: a scope that has already ended removes it at once
		if (this.tracker.isAttached()) {
			this.sink.add().accept(listener);
		}
		else {
			this.tracker.added(listener, () -> this.sink.add().accept(listener));
		}
		if (binding != null) {
			registration.bind(binding.apply(registration));
		}
		return registration;
	}

	private void remove(RegisteredListener listener) {
		if (this.tracker.isAttached()) {
			this.sink.remove().accept(listener);
		}
		else {
			this.tracker.removed(listener, () -> this.sink.remove().accept(listener));
		}
	}

	/**
	 * Adds and removes application listeners: the application context, or its multicaster.
	 *
	 * @param add adds a listener
	 * @param remove removes a listener
	 */
	record ListenerSink(Consumer<ApplicationListener<?>> add, Consumer<ApplicationListener<?>> remove) {
	}

	/**
	 * Calls a two-argument listener with its owner, held weakly so that the listener never keeps it alive.
	 */
	private record OwnerPassingConsumer<O, E>(WeakReference<O> owner, BiConsumer<? super O, ? super E> listener)
			implements Consumer<E> {

		@Override
		public void accept(E event) {
			O target = this.owner.get();
			if (target != null) {
				this.listener.accept(target, event);
			}
		}

	}

}
