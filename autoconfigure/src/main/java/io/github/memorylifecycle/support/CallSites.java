package io.github.memorylifecycle.support;

import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Finds the application code that called into the starter — scheduled a timer, submitted a task, added a listener,
 * handed an object to the leak watcher — and writes it in one format everywhere: {@code com.example.Poller.start:42}.
 * <p>
 * A frame is the application's unless it belongs to the JDK, a common framework (Spring, the servlet containers,
 * Reactor, Micrometer, JUnit, ...), the starter itself (recognized by its code source, so the starter's own tests
 * count as application code), or a generated class: a CGLIB or JDK proxy, whatever proxied the call. Walking the
 * stack costs a few microseconds, which is why callers capture sites only when asked to; the per-class verdict is
 * computed once.
 */
public final class CallSites {

	private static final List<String> FRAMEWORK_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
			"jakarta.", "org.springframework.", "org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.",
			"org.eclipse.jetty.", "io.undertow.", "io.netty.", "reactor.", "io.micrometer.", "org.aopalliance.",
			"org.junit.", "org.apache.maven.", "org.assertj.", "org.awaitility.");

	private static final CodeSource STARTER = codeSource(CallSites.class);

	private static final ClassValue<Boolean> APPLICATION = new ClassValue<>() {

		@Override
		protected Boolean computeValue(Class<?> type) {
			return isApplication(type);
		}

	};

	private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

	private CallSites() {
	}

	/**
	 * Returns the innermost frame of application code on the calling thread's stack.
	 * @return the site, such as {@code com.example.Poller.start:42}, or {@code null} if no frame is the
	 * application's
	 */
	public static @Nullable String caller() {
		return WALKER.walk((frames) -> frames.filter(CallSites::isApplicationFrame)
			.findFirst()
			.map(CallSites::format)
			.orElse(null));
	}

	/**
	 * Returns the innermost frames of application code on the calling thread's stack, innermost first.
	 * @param depth how many frames at most
	 * @return the frames joined by {@code " <- "}, such as
	 * {@code com.example.Cart.add:42 <- com.example.CartController.post:17}, or {@code null} if no frame is the
	 * application's
	 */
	public static @Nullable String callers(int depth) {
		String sites = WALKER.walk((frames) -> frames.filter(CallSites::isApplicationFrame)
			.limit(depth)
			.map(CallSites::format)
			.collect(Collectors.joining(" <- ")));
		return sites.isEmpty() ? null : sites;
	}

	private static boolean isApplicationFrame(StackWalker.StackFrame frame) {
		return APPLICATION.get(frame.getDeclaringClass());
	}

	static String format(StackWalker.StackFrame frame) {
		int line = frame.getLineNumber();
		return frame.getClassName() + "." + frame.getMethodName() + ((line > 0) ? ":" + line : "");
	}

	private static boolean isApplication(Class<?> type) {
		if (type.isHidden() || ClassNames.isGenerated(type)) {
			return false;
		}
		String name = type.getName();
		for (String prefix : FRAMEWORK_PREFIXES) {
			if (name.startsWith(prefix)) {
				return false;
			}
		}
		CodeSource source = codeSource(type);
		return STARTER == null || source == null || STARTER.getLocation() == null
				|| !STARTER.getLocation().equals(source.getLocation());
	}

	private static @Nullable CodeSource codeSource(Class<?> type) {
		try {
			ProtectionDomain domain = type.getProtectionDomain();
			return (domain != null) ? domain.getCodeSource() : null;
		}
		catch (SecurityException ex) {
			return null;
		}
	}

}
