package io.github.memorylifecycle.scheduling;

import java.lang.reflect.Method;
import java.util.concurrent.ScheduledFuture;

import io.github.memorylifecycle.scheduling.TimerInfo.Kind;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/**
 * Tracks the {@code schedule*} calls made on an application's own scheduler bean, whatever type it was injected as:
 * the bean is proxied by {@link TrackedSchedulerPostProcessor} and this interceptor puts a {@link TrackedTimer} in
 * place of the task (and trigger) before the call proceeds to the real scheduler, then returns the record as the
 * future. Calls with a {@code null} argument, and tasks already tracked by an outer scheduler, go through untouched.
 */
final class TimerTrackingInterceptor implements MethodInterceptor {

	private final TimerTracker tracker;

	TimerTrackingInterceptor(TimerTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Object[] arguments = invocation.getArguments();
		Object last = arguments[arguments.length - 1];
		if (!(arguments[0] instanceof Runnable task) || task instanceof TrackedTimer || arguments[1] == null
				|| last == null) {
			return invocation.proceed();
		}
		Kind kind = kind(invocation.getMethod().getName(), arguments[1]);
		TrackedTimer timer = this.tracker.open(task, kind,
				(kind == Kind.ONCE || kind == Kind.TRIGGER) ? arguments[1] : last);
		this.tracker.unbound(task, timer);
		arguments[0] = timer;
		if (kind == Kind.TRIGGER) {
			arguments[1] = timer;
		}
		try {
			return timer.started((ScheduledFuture<?>) invocation.proceed());
		}
		catch (Throwable ex) {
			timer.abandon();
			throw ex;
		}
	}

	private static Kind kind(String method, Object second) {
		return switch (method) {
			case "scheduleAtFixedRate" -> Kind.FIXED_RATE;
			case "scheduleWithFixedDelay" -> Kind.FIXED_DELAY;
			default -> (second instanceof Trigger) ? Kind.TRIGGER : Kind.ONCE;
		};
	}

	/**
	 * Matches the {@code schedule*} methods of {@link TaskScheduler}, including the deprecated {@code Date} and
	 * {@code long} variants, so that none of them reaches the target untracked. All instances are equal, which lets
	 * Spring reuse one generated proxy class per scheduler class instead of generating one per context.
	 */
	static final class SchedulePointcut extends StaticMethodMatcherPointcut {

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return TaskScheduler.class.isAssignableFrom(targetClass) && method.getParameterCount() >= 2
					&& method.getParameterTypes()[0] == Runnable.class && isScheduleMethod(method.getName());
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof SchedulePointcut;
		}

		@Override
		public int hashCode() {
			return SchedulePointcut.class.hashCode();
		}

		private static boolean isScheduleMethod(String name) {
			return name.equals("schedule") || name.equals("scheduleAtFixedRate")
					|| name.equals("scheduleWithFixedDelay");
		}

	}

}
