package io.github.memorylifecycle.scheduling;

import java.util.Set;

/**
 * Finds the application code that scheduled a timer or submitted a task: the first frame of the calling thread's
 * stack that belongs neither to this package's tracking classes nor to Spring, the JDK or a Spring proxy. Walking
 * the stack costs a few microseconds, which is why it only happens when call-site capture is switched on.
 */
final class CallSites {

	private static final StackWalker STACK_WALKER = StackWalker.getInstance();

	private static final String PACKAGE = CallSites.class.getPackageName() + ".";

	/**
	 * The classes of this package that sit between the application and its scheduler or executor.
	 */
	private static final Set<String> OWN_CLASSES = Set.of("TrackedTaskScheduler", "TimerTrackingInterceptor",
			"WorkTracker", "TimerTracker", "ApplicationTaskScheduler", "TrackedAsyncTaskExecutor",
			"AsyncTrackingInterceptor", "AsyncTracker", "ApplicationAsyncTaskExecutor", "CallSites");

	private CallSites() {
	}

	/**
	 * Returns the calling application code.
	 * @return {@code com.example.Poller.start:42}, or {@code unknown}
	 */
	static String caller() {
		return STACK_WALKER.walk((frames) -> frames.filter((frame) -> !isInfrastructure(frame.getClassName()))
			.findFirst()
			.map((frame) -> frame.getClassName() + "." + frame.getMethodName() + ":" + frame.getLineNumber())
			.orElse("unknown"));
	}

	private static boolean isInfrastructure(String className) {
		if (className.startsWith(PACKAGE)) {
			int nested = className.indexOf('$', PACKAGE.length());
			return OWN_CLASSES.contains(className.substring(PACKAGE.length(), (nested > 0) ? nested : className.length()));
		}
		return className.startsWith("org.springframework.") || className.startsWith("java.")
				|| className.startsWith("jdk.") || className.startsWith("sun.") || className.contains("$$SpringCGLIB$$");
	}

}
