package io.github.memorylifecycle.events;

import java.util.function.Consumer;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * The application listener that {@link ListenerRegistry} adds for a consumer: it listens to an event type or, for
 * any type that is not an {@link ApplicationEvent}, to the payloads of that type, and carries what the tracker shows
 * about it.
 * <p>
 * Matching by type is decided once per event type, when the multicaster caches its listeners; delivering an event
 * costs one type check and the consumer call, and allocates nothing.
 */
final class RegisteredListener implements GenericApplicationListener {

	private final Class<?> type;

	private final boolean payload;

	private final Consumer<Object> consumer;

	private final String eventType;

	private final String description;

	private final String owner;

	private final String scope;

	private volatile ListenerRegistration registration;

	@SuppressWarnings("unchecked")
	RegisteredListener(Class<?> type, Consumer<?> consumer, String description, String owner, String scope) {
		this.type = type;
		this.payload = !ApplicationEvent.class.isAssignableFrom(type);
		this.consumer = (Consumer<Object>) consumer;
		this.eventType = this.payload ? PayloadApplicationEvent.class.getName() + "<" + type.getName() + ">"
				: type.getName();
		this.description = description;
		this.owner = owner;
		this.scope = scope;
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		Object value = event;
		if (this.payload) {
			value = (event instanceof PayloadApplicationEvent<?> payloadEvent) ? payloadEvent.getPayload() : null;
		}
		if (this.type.isInstance(value)) {
			this.consumer.accept(value);
		}
	}

	@Override
	public boolean supportsEventType(ResolvableType eventType) {
		Class<?> eventClass = eventType.toClass();
		if (!this.payload) {
			return this.type.isAssignableFrom(eventClass);
		}
		if (!PayloadApplicationEvent.class.isAssignableFrom(eventClass)) {
			return false;
		}
		// a payload declared as a supertype may still be one of ours: onApplicationEvent checks the instance
		Class<?> payloadType = eventType.as(PayloadApplicationEvent.class).getGeneric().resolve();
		return payloadType == null || this.type.isAssignableFrom(payloadType)
				|| payloadType.isAssignableFrom(this.type);
	}

	String eventType() {
		return this.eventType;
	}

	String description() {
		return this.description;
	}

	String owner() {
		return this.owner;
	}

	String scope() {
		return this.scope;
	}

	void registration(ListenerRegistration registration) {
		this.registration = registration;
	}

	/**
	 * Told by the tracker that the listener was removed by other means than its registration, for example
	 * {@code removeAllListeners()}.
	 */
	void detached() {
		ListenerRegistration registration = this.registration;
		if (registration != null) {
			registration.detached();
		}
	}

	@Override
	public String toString() {
		return "RegisteredListener[" + this.description + " on " + this.eventType + "]";
	}

}
