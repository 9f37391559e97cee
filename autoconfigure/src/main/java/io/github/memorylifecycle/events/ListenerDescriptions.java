package io.github.memorylifecycle.events;

import java.lang.reflect.ParameterizedType;

import io.github.memorylifecycle.support.CallSites;
import io.github.memorylifecycle.support.ClassNames;

import org.springframework.aop.TargetClassAware;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * Describes listeners with class names only, never with {@code toString()} of user objects: the event type a listener
 * listens to, the listener's class, an owner's class and identity, and the place in the application's code that
 * added the listener.
 */
final class ListenerDescriptions {

	private static final String LAMBDA_MARKER = "$$Lambda";

	/** Per class, computed once: listeners are often added again and again with the same class. */
	private static final ClassValue<String> EVENT_TYPES = new ClassValue<>() {

		@Override
		protected String computeValue(Class<?> type) {
			return declaredEventType(type);
		}

	};

	private ListenerDescriptions() {
	}

	/**
	 * Describes a runtime listener.
	 * @param listener the listener
	 * @param captureSites whether to find the site that is adding it
	 * @return its details
	 */
	static Details details(ApplicationListener<?> listener, boolean captureSites) {
		String site = captureSites ? CallSites.caller() : null;
		if (listener instanceof RegisteredListener registered) {
			return new Details(registered.eventType(), registered.description(), registered.owner(),
					registered.scope(), site);
		}
		return new Details(eventType(listener), className(listener), null, null, site);
	}

	/**
	 * Returns the event type a listener listens to, with generics resolved from its class.
	 * @param listener the listener
	 * @return the event type; its bound, often {@code ApplicationEvent}, when Java erased it (lambdas, raw types)
	 */
	static String eventType(ApplicationListener<?> listener) {
		if (listener instanceof RegisteredListener registered) {
			return registered.eventType();
		}
		return (listener instanceof TargetClassAware) ? declaredEventType(AopProxyUtils.ultimateTargetClass(listener))
				: EVENT_TYPES.get(listener.getClass());
	}

	/**
	 * Returns the class name of an object, as {@link ClassNames} names it.
	 * @param object the object
	 * @return its class name
	 */
	static String className(Object object) {
		return ClassNames.of(object);
	}

	/**
	 * Returns the class name and identity hash of an owner, for example {@code com.example.Cart@1b2c3d}.
	 * @param owner the owner
	 * @return its description
	 */
	static String owner(Object owner) {
		return className(owner) + "@" + Integer.toHexString(System.identityHashCode(owner));
	}

	private static String declaredEventType(Class<?> listenerClass) {
		ResolvableType declared = ResolvableType.forClass(listenerClass).as(ApplicationListener.class).getGeneric();
		if (declared.getType() instanceof Class<?> || declared.getType() instanceof ParameterizedType) {
			return declared.toString();
		}
		// a type variable (lambdas, generic listener classes) or no type: its bound is all that is known
		return declared.resolve(ApplicationEvent.class).getName();
	}

	/**
	 * What {@link ListenerInfo} shows about a listener, apart from its id and the time it was added.
	 *
	 * @param eventType the event type
	 * @param listener the description or class name of the listener
	 * @param owner the owner, or {@code null}
	 * @param scope the scope, or {@code null}
	 * @param site the registration site, or {@code null}
	 */
	record Details(String eventType, String listener, String owner, String scope, String site) {
	}

}
