package io.github.memorylifecycle.events;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.memorylifecycle.scope.CleanupRegistry;
import io.github.memorylifecycle.scope.OwnerCleanupRegistry;
import io.github.memorylifecycle.scope.Registration;
import io.github.memorylifecycle.scope.RequestCleanupRegistry;
import io.github.memorylifecycle.scope.SessionCleanupRegistry;

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

	private final Scopes scopes;

	private final OwnerReferenceCheck ownerCheck;

	private final String description;

	/**
	 * Creates a registry.
	 * @param tracker the tracker of the application's multicaster
	 * @param sink adds and removes listeners, usually through the application context
	 * @param scopes the cleanup registries to bind listeners to
	 * @param ownerCheck warns about listeners that reference their owner
	 */
	TrackingListenerRegistry(ListenerTracker tracker, ListenerSink sink, Scopes scopes,
			OwnerReferenceCheck ownerCheck) {
		this(tracker, sink, scopes, ownerCheck, null);
	}

	private TrackingListenerRegistry(ListenerTracker tracker, ListenerSink sink, Scopes scopes,
			OwnerReferenceCheck ownerCheck, String description) {
		this.tracker = tracker;
		this.sink = sink;
		this.scopes = scopes;
		this.ownerCheck = ownerCheck;
		this.description = description;
	}

	@Override
	public <E> Registration on(Class<E> eventType, Consumer<? super E> listener) {
		return add(eventType, listener, listener, null, null, null);
	}

	@Override
	public <E> Registration onOwner(Object owner, Class<E> eventType, Consumer<? super E> listener) {
		Assert.notNull(owner, "owner must not be null");
		Assert.notNull(listener, "listener must not be null");
		this.ownerCheck.check(owner, listener);
		return bindToOwner(owner, eventType, listener, listener);
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
		Assert.notNull(scope, "scope must not be null");
		return add(eventType, listener, listener, null, scope.scope(),
				(registration) -> scope.register(registration.describe(), registration));
	}

	@Override
	public <E> Registration onRequest(Class<E> eventType, Consumer<? super E> listener) {
		return onScope(this.scopes.request().current(), eventType, listener);
	}

	@Override
	public <E> Registration onSession(Class<E> eventType, Consumer<? super E> listener) {
		return onScope(this.scopes.session().current(), eventType, listener);
	}

	@Override
	public ListenerRegistry describedAs(String description) {
		Assert.hasText(description, "description must not be empty");
		return new TrackingListenerRegistry(this.tracker, this.sink, this.scopes, this.ownerCheck, description);
	}

	@Override
	public List<ListenerInfo> liveListeners() {
		return this.tracker.liveListeners(Integer.MAX_VALUE);
	}

	private <E> Registration bindToOwner(Object owner, Class<E> eventType, Consumer<? super E> listener,
			Object described) {
		OwnerCleanupRegistry owners = this.scopes.owner();
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
	 * The cleanup registries listeners are bound to, looked up when first needed.
	 *
	 * @param owners the owner registry
	 * @param requests the request registry, absent outside servlet web applications
	 * @param sessions the session registry, absent outside servlet web applications
	 */
	record Scopes(Supplier<OwnerCleanupRegistry> owners, Supplier<RequestCleanupRegistry> requests,
			Supplier<SessionCleanupRegistry> sessions) {

		OwnerCleanupRegistry owner() {
			return required(this.owners.get(), "OwnerCleanupRegistry", "owners");
		}

		RequestCleanupRegistry request() {
			return required(this.requests.get(), "RequestCleanupRegistry", "requests (servlet web applications only)");
		}

		SessionCleanupRegistry session() {
			return required(this.sessions.get(), "SessionCleanupRegistry", "sessions (servlet web applications only)");
		}

		private static <T> T required(T registry, String type, String scope) {
			if (registry == null) {
				throw new IllegalStateException("No " + type + " bean: listeners can be bound to " + scope
						+ " only when the memory-lifecycle scopes are enabled");
			}
			return registry;
		}

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
