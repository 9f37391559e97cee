package io.github.memorylifecycle.events;

import java.lang.StackWalker.StackFrame;
import java.lang.reflect.ParameterizedType;

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

	private static final StackWalker WALKER = StackWalker.getInstance();

	/** Frames of these packages are never a registration site: the JDK, Spring and the servlet container. */
	private static final String[] FRAMEWORK_PACKAGES = { "java.", "javax.", "jdk.", "sun.", "com.sun.",
			"org.springframework.", "jakarta.", "org.apache.catalina.", "org.apache.tomcat." };

	/** The classes of this feature that sit between the application and the tracker when a listener is added. */
	private static final String[] TRACKING_CLASSES = { ListenerTracker.class.getName(),
			TrackingApplicationEventMulticaster.class.getName(), TrackingMulticasterInterceptor.class.getName(),
			TrackingListenerRegistry.class.getName(), ListenerDescriptions.class.getName() };

	private static final String CGLIB_SEPARATOR = "$$SpringCGLIB$$";

	private static final String LAMBDA_MARKER = "$$Lambda";

	/** Per class, computed once: listeners are often added again and again with the same class. */
	private static final ClassValue<String> EVENT_TYPES = new ClassValue<>() {

		@Override
		protected String computeValue(Class<?> type) {
			return declaredEventType(type);
		}

	};

	private static final ClassValue<String> CLASS_NAMES = new ClassValue<>() {

		@Override
		protected String computeValue(Class<?> type) {
			return className(type);
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
		String site = captureSites ? site() : null;
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
	 * Returns the class name of an object, the target class for a proxy, and without the unstable suffix of a lambda
	 * class ({@code com.example.Cart$$Lambda/0x0000...} becomes {@code com.example.Cart$$Lambda}).
	 * @param object the object
	 * @return its class name
	 */
	static String className(Object object) {
		return (object instanceof TargetClassAware) ? className(AopProxyUtils.ultimateTargetClass(object))
				: CLASS_NAMES.get(object.getClass());
	}

	/**
	 * Returns the class name and identity hash of an owner, for example {@code com.example.Cart@1b2c3d}.
	 * @param owner the owner
	 * @return its description
	 */
	static String owner(Object owner) {
		return className(owner) + "@" + Integer.toHexString(System.identityHashCode(owner));
	}

	/**
	 * Returns the first frame of the calling thread's stack that belongs to the application: not to the JDK, Spring,
	 * the servlet container, a proxy or this feature.
	 * @return the site as {@code class.method(File.java:line)}, or {@code null} if there is none
	 */
	static String site() {
		return WALKER.walk((frames) -> frames.filter(ListenerDescriptions::isApplicationFrame)
			.findFirst()
			.map(ListenerDescriptions::format)
			.orElse(null));
	}

	private static String declaredEventType(Class<?> listenerClass) {
		ResolvableType declared = ResolvableType.forClass(listenerClass).as(ApplicationListener.class).getGeneric();
		if (declared.getType() instanceof Class<?> || declared.getType() instanceof ParameterizedType) {
			return declared.toString();
		}
		// a type variable (lambdas, generic listener classes) or no type: its bound is all that is known
		return declared.resolve(ApplicationEvent.class).getName();
	}

	private static String className(Class<?> type) {
		String name = type.getName();
		int lambda = name.indexOf(LAMBDA_MARKER);
		return (lambda >= 0) ? name.substring(0, lambda + LAMBDA_MARKER.length()) : name;
	}

	private static boolean isApplicationFrame(StackFrame frame) {
		String name = frame.getClassName();
		if (name.contains(CGLIB_SEPARATOR)) {
			return false;
		}
		for (String prefix : FRAMEWORK_PACKAGES) {
			if (name.startsWith(prefix)) {
				return false;
			}
		}
		for (String tracking : TRACKING_CLASSES) {
			if (name.startsWith(tracking)
					&& (name.length() == tracking.length() || name.charAt(tracking.length()) == '$')) {
				return false;
			}
		}
		return true;
	}

	private static String format(StackFrame frame) {
		String file = frame.getFileName();
		int line = frame.getLineNumber();
		return frame.getClassName() + "." + frame.getMethodName() + "("
				+ ((file != null) ? file + ((line > 0) ? ":" + line : "") : "Unknown Source") + ")";
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
