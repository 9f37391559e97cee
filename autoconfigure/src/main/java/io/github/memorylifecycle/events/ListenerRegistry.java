package io.github.memorylifecycle.events;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.github.memorylifecycle.scope.CleanupRegistry;
import io.github.memorylifecycle.scope.Lifespan;
import io.github.memorylifecycle.scope.Registration;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Adds event listeners to the application context at run time, each one removable through the {@link Registration}
 * it returns, and optionally bound to an owner, a request, a session or any {@link CleanupRegistry} so that it is
 * removed when that ends: the listener that is added per request or per component and never removed is the classic
 * listener leak.
 * <p>
 * The event type is either an {@link ApplicationEvent} subclass, to receive those events, or any other type, to
 * receive the payloads published with {@code publishEvent(Object)} (wrapped by Spring in a
 * {@link PayloadApplicationEvent}). Listeners are delivered by the application's own multicaster, like any other
 * listener: its executor, error handler and ordering apply.
 * <p>
 * The returned {@link Registration} stands for the listener: {@link Registration#cancel() cancel()} and
 * {@link Registration#run() run()} both remove it now (there is nothing to forget without removing it), and
 * {@link Registration#isPending() isPending()} says whether it is still listening. Removing it also withdraws its
 * cleanup from the scope it was bound to, so scopes never fill with dead entries.
 */
public interface ListenerRegistry {

	/**
	 * Adds a listener that stays until its registration is cancelled.
	 * @param <E> the event or payload type
	 * @param eventType the event or payload type
	 * @param listener the listener
	 * @return the registration that removes the listener
	 */
	<E> Registration on(Class<E> eventType, Consumer<? super E> listener);

	/**
	 * Adds a listener that is removed when its owner is cleaned up through
	 * {@link io.github.memorylifecycle.scope.OwnerCleanupRegistry#cleanup(Object)} or garbage-collected. The listener
	 * must not reference the owner, or the owner can never be collected (a warning says so); use
	 * {@link #onOwner(Object, Class, BiConsumer)} to reach the owner from the listener.
	 * @param <E> the event or payload type
	 * @param owner the owner, held weakly
	 * @param eventType the event or payload type
	 * @param listener the listener; it must not reference the owner
	 * @return the registration that removes the listener
	 */
	<E> Registration onOwner(Object owner, Class<E> eventType, Consumer<? super E> listener);

	/**
	 * Adds a listener that receives its owner with each event, so that it needs no reference to it: write it as
	 * {@code (cart, event) -> cart.refresh(event)} or {@code Cart::refresh}. The owner is held weakly; the listener is
	 * removed when the owner is cleaned up or collected, and is skipped from then on if an event races with that.
	 * @param <O> the owner type
	 * @param <E> the event or payload type
	 * @param owner the owner, held weakly
	 * @param eventType the event or payload type
	 * @param listener the listener, called with the owner and the event
	 * @return the registration that removes the listener
	 */
	<O, E> Registration onOwner(O owner, Class<E> eventType, BiConsumer<? super O, ? super E> listener);

	/**
	 * Adds a listener that is removed when a scope ends.
	 * @param <E> the event or payload type
	 * @param scope the scope, for example {@code RequestCleanupRegistry.current()} kept from a request thread
	 * @param eventType the event or payload type
	 * @param listener the listener
	 * @return the registration that removes the listener
	 */
	<E> Registration onScope(CleanupRegistry scope, Class<E> eventType, Consumer<? super E> listener);

	/**
	 * Adds a listener that is removed at the end of the current HTTP request, after the response is complete.
	 * @param <E> the event or payload type
	 * @param eventType the event or payload type
	 * @param listener the listener
	 * @return the registration that removes the listener
	 * @throws IllegalStateException if no request is bound to the calling thread or the application has no request
	 * scope
	 */
	<E> Registration onRequest(Class<E> eventType, Consumer<? super E> listener);

	/**
	 * Adds a listener that is removed when the current HTTP session ends.
	 * @param <E> the event or payload type
	 * @param eventType the event or payload type
	 * @param listener the listener
	 * @return the registration that removes the listener
	 * @throws IllegalStateException if no request is bound to the calling thread or the application has no session
	 * scope
	 */
	<E> Registration onSession(Class<E> eventType, Consumer<? super E> listener);

	/**
	 * Returns a view of this registry whose listeners are removed when a lifespan ends: the current request or
	 * session, an owner (cleaned up or garbage-collected; the listener must not reference it, or it can never be
	 * collected — a warning says so), or the scope of any registry. The view does not keep an owner alive.
	 * @param lifespan what the listeners live as long as
	 * @return a registry bound to the lifespan
	 * @throws IllegalStateException if the lifespan is the current request or session and none is bound to the
	 * calling thread, or the application has no such scope
	 */
	ListenerRegistry boundTo(Lifespan lifespan);

	/**
	 * Returns a view of this registry whose listeners carry a description, shown in {@link ListenerInfo#listener()},
	 * warnings and the actuator endpoint instead of the listener's class name.
	 * @param description what the listener is for, for example {@code "price feed of cart 12"}
	 * @return a registry that describes the listeners it adds
	 */
	ListenerRegistry describedAs(String description);

	/**
	 * Returns the listeners added to the application context at run time (through this registry, the context or the
	 * multicaster) and not removed yet, oldest first. Listeners known at startup (listener beans,
	 * {@code @EventListener} methods) are not included.
	 * @return a snapshot copy
	 */
	List<ListenerInfo> liveListeners();

}
