package io.github.memorylifecycle.leak;

import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Captures where an object was handed to the watcher: the first few stack frames of application code, skipping
 * the JDK, the usual frameworks and this library (recognized by its code source, so that its tests count as
 * application code).
 * <p>
 * Only sampled objects pay for this: a {@link StackWalker} walk of a few microseconds and one string.
 */
final class RegistrationSites {

	/**
	 * How many frames of application code a site holds.
	 */
	static final int FRAMES = 3;

	private static final List<String> FRAMEWORK_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
			"jakarta.", "org.springframework.", "org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.",
			"org.eclipse.jetty.", "io.undertow.", "io.micrometer.", "reactor.", "org.junit.", "org.apache.maven.");

	private static final CodeSource LIBRARY = codeSource(RegistrationSites.class);

	private static final ClassValue<Boolean> FRAMEWORK = new ClassValue<>() {

		@Override
		protected Boolean computeValue(Class<?> type) {
			String name = type.getName();
			for (String prefix : FRAMEWORK_PREFIXES) {
				if (name.startsWith(prefix)) {
					return true;
				}
			}
			CodeSource source = codeSource(type);
			return LIBRARY != null && source != null && LIBRARY.getLocation() != null
					&& LIBRARY.getLocation().equals(source.getLocation());
		}

	};

	private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

	private RegistrationSites() {
	}

	/**
	 * Captures the site of the calling code.
	 * @return the first frames of application code, innermost first, or {@code null} if there is none
	 */
	static String capture() {
		String site = WALKER.walk((frames) -> frames.filter((frame) -> !FRAMEWORK.get(frame.getDeclaringClass()))
			.limit(FRAMES)
			.map(RegistrationSites::format)
			.collect(Collectors.joining(" <- ")));
		return site.isEmpty() ? null : site;
	}

	private static String format(StackWalker.StackFrame frame) {
		String file = frame.getFileName();
		int line = frame.getLineNumber();
		return frame.getClassName() + "." + frame.getMethodName() + "("
				+ ((file != null) ? file + ((line >= 0) ? ":" + line : "") : "Unknown Source") + ")";
	}

	private static CodeSource codeSource(Class<?> type) {
		try {
			ProtectionDomain domain = type.getProtectionDomain();
			return (domain != null) ? domain.getCodeSource() : null;
		}
		catch (SecurityException ex) {
			return null;
		}
	}

}
