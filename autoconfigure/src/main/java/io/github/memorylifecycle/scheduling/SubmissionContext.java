package io.github.memorylifecycle.scheduling;

import java.util.function.Supplier;

import io.github.memorylifecycle.work.Binder;

import org.aopalliance.intercept.MethodInvocation;

/**
 * What the calling thread says about the work it is about to hand to a tracked executor: the binding asked for by
 * {@link TrackedAsyncTaskExecutor#within(Supplier)}, and the {@code @Async} method being dispatched. Kept in a
 * thread-local only while one of them is set, so that no pool thread is left holding it (and, through it, the
 * application's class loader).
 */
final class SubmissionContext {

	private static final ThreadLocal<SubmissionContext> CURRENT = new ThreadLocal<>();

	Binder binder;

	MethodInvocation asyncInvocation;

	static SubmissionContext current() {
		return CURRENT.get();
	}

	static SubmissionContext open() {
		SubmissionContext context = CURRENT.get();
		if (context == null) {
			context = new SubmissionContext();
			CURRENT.set(context);
		}
		return context;
	}

	void closeIfEmpty() {
		if (this.binder == null && this.asyncInvocation == null) {
			CURRENT.remove();
		}
	}

}
