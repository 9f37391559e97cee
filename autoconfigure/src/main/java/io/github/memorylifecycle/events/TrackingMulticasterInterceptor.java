package io.github.memorylifecycle.events;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.Set;
import java.util.function.Predicate;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.context.ApplicationListener;

/**
 * Tracks the listener registration methods of an application-defined multicaster, through the class proxy that
 * {@link MulticasterTrackingPostProcessor} puts around it. The other methods, {@code multicastEvent} first, are not
 * advised: the proxy dispatches them straight to the multicaster.
 */
final class TrackingMulticasterInterceptor implements MethodInterceptor {

	/** The {@code ApplicationEventMulticaster} methods that add or remove listeners. */
	static final Set<String> METHODS = Set.of("addApplicationListener", "addApplicationListenerBean",
			"removeApplicationListener", "removeApplicationListenerBean", "removeApplicationListeners",
			"removeApplicationListenerBeans", "removeAllListeners");

	private final ListenerTracker tracker;

	TrackingMulticasterInterceptor(ListenerTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	@SuppressWarnings("unchecked")
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Object[] arguments = invocation.getArguments();
		Object argument = (arguments.length == 1) ? arguments[0] : null;
		String method = invocation.getMethod().getName();
		if (method.equals("removeAllListeners") && arguments.length == 0) {
			this.tracker.cleared(proceeding(invocation));
		}
		else if (argument instanceof ApplicationListener<?> listener) {
			if (method.equals("addApplicationListener")) {
				this.tracker.added(listener, proceeding(invocation));
			}
			else if (method.equals("removeApplicationListener")) {
				this.tracker.removed(listener, proceeding(invocation));
			}
			else {
				return invocation.proceed();
			}
		}
		else if (argument instanceof String beanName) {
			if (method.equals("addApplicationListenerBean")) {
				this.tracker.beanAdded(beanName, proceeding(invocation));
			}
			else if (method.equals("removeApplicationListenerBean")) {
				this.tracker.beanRemoved(beanName, proceeding(invocation));
			}
			else {
				return invocation.proceed();
			}
		}
		else if (argument instanceof Predicate<?> predicate && method.equals("removeApplicationListeners")) {
			this.tracker.removedIf((Predicate<ApplicationListener<?>>) predicate, (recording) -> {
				arguments[0] = recording; // the invocation's arguments are meant to be replaced in place
				proceeding(invocation).run();
			});
		}
		else if (argument instanceof Predicate<?> predicate && method.equals("removeApplicationListenerBeans")) {
			this.tracker.beansRemovedIf((Predicate<String>) predicate, (recording) -> {
				arguments[0] = recording;
				proceeding(invocation).run();
			});
		}
		else {
			return invocation.proceed();
		}
		return null;
	}

	private static Runnable proceeding(MethodInvocation invocation) {
		return () -> {
			try {
				invocation.proceed();
			}
			catch (RuntimeException | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new UndeclaredThrowableException(ex);
			}
		};
	}

}
