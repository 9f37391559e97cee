package io.github.memorylifecycle.support;

import java.lang.reflect.Proxy;

import org.springframework.aop.TargetClassAware;
import org.springframework.aop.framework.AopProxyUtils;

/**
 * Names the class of an application object the same way in every part of the starter: without the per-run suffixes
 * of generated classes, so that objects of one kind group together in warnings, the endpoint and leak
 * fingerprints, and without ever calling {@code toString()}.
 * <ul>
 * <li>a lambda or method reference: its declaring class, {@code com.example.Poller (lambda)};</li>
 * <li>a CGLIB proxy or a Spring AOP proxy: the proxied class, {@code com.example.Jobs};</li>
 * <li>a JDK proxy: {@code proxy of com.example.Listener} (its first interface);</li>
 * <li>any other hidden class: its name without the {@code /0x...} address;</li>
 * <li>an array: its component, {@code byte[]}.</li>
 * </ul>
 */
public final class ClassNames {

	private static final String LAMBDA_MARKER = "$$Lambda";

	private static final String CGLIB_MARKER = "$$SpringCGLIB$$";

	private static final ClassValue<String> NAMES = new ClassValue<>() {

		@Override
		protected String computeValue(Class<?> type) {
			return describe(type);
		}

	};

	private ClassNames() {
	}

	/**
	 * Names the class of an object.
	 * @param object the object
	 * @return its class name, cleaned as described above
	 */
	public static String of(Object object) {
		Class<?> type = (object instanceof TargetClassAware) ? AopProxyUtils.ultimateTargetClass(object)
				: object.getClass();
		return NAMES.get(type);
	}

	/**
	 * Names a class.
	 * @param type the class
	 * @return its name, cleaned as described above
	 */
	public static String of(Class<?> type) {
		return NAMES.get(type);
	}

	/**
	 * Returns whether a class is generated at run time: a lambda, a CGLIB or JDK proxy.
	 * @param type the class
	 * @return whether it is generated
	 */
	static boolean isGenerated(Class<?> type) {
		String name = type.getName();
		return name.contains(LAMBDA_MARKER) || name.contains(CGLIB_MARKER) || Proxy.isProxyClass(type);
	}

	private static String describe(Class<?> type) {
		if (type.isArray()) {
			return of(type.getComponentType()) + "[]";
		}
		String name = type.getName();
		int lambda = name.indexOf(LAMBDA_MARKER);
		if (lambda > 0) {
			return name.substring(0, lambda) + " (lambda)";
		}
		int cglib = name.indexOf(CGLIB_MARKER);
		if (cglib > 0) {
			return name.substring(0, cglib);
		}
		if (Proxy.isProxyClass(type)) {
			Class<?>[] interfaces = type.getInterfaces();
			return (interfaces.length > 0) ? "proxy of " + interfaces[0].getName() : name;
		}
		int hidden = name.indexOf('/');
		return (hidden > 0) ? name.substring(0, hidden) : name;
	}

}
