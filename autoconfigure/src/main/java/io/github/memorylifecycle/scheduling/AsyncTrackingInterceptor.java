package io.github.memorylifecycle.scheduling;

import java.lang.reflect.Method;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.support.StaticMethodMatcherPointcut;

/**
 * Tracks the work handed to an application's own executor bean, whatever type it was injected as: the bean is
 * proxied by {@link TrackedExecutorPostProcessor} and this interceptor puts a {@link PendingTask} in place of the
 * task before the call proceeds to the real executor. {@code submit} returns the record as the future,
 * {@code submitCompletable} the executor's own future. Calls with a {@code null} task, and tasks already tracked by
 * an outer executor, go through untouched.
 */
final class AsyncTrackingInterceptor implements MethodInterceptor {

	private final AsyncTracker tracker;

	AsyncTrackingInterceptor(AsyncTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Object[] arguments = invocation.getArguments();
		Object task = arguments[0];
		if (task == null || task instanceof PendingTask) {
			return invocation.proceed();
		}
		PendingTask work = this.tracker.open(task, null);
		arguments[0] = work;
		try {
			Object result = invocation.proceed();
			if (result instanceof CompletableFuture<?> completable) {
				return work.follow(completable);
			}
			if (result instanceof Future<?> future) {
				work.submitted(future);
				return work;
			}
			return result;
		}
		catch (Throwable ex) {
			work.abandon();
			throw ex;
		}
	}

	/**
	 * Matches {@code execute}, {@code submit} and {@code submitCompletable} of a task executor. All instances are
	 * equal, which lets Spring reuse one generated proxy class per executor class.
	 */
	static final class SubmitPointcut extends StaticMethodMatcherPointcut {

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			if (method.getParameterCount() == 0) {
				return false;
			}
			Class<?> first = method.getParameterTypes()[0];
			return (first == Runnable.class || first == Callable.class) && isSubmitMethod(method.getName());
		}

		private static boolean isSubmitMethod(String name) {
			return name.equals("execute") || name.equals("submit") || name.equals("submitCompletable");
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof SubmitPointcut;
		}

		@Override
		public int hashCode() {
			return SubmitPointcut.class.hashCode();
		}

	}

}
