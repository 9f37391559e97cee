package io.github.memorylifecycle.scope;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;

import org.jspecify.annotations.Nullable;

/**
 * What one platform thread keeps while it dispatches a request through {@link RequestScopeFilter}: the request as
 * the filter saw it and the stack of the cleanups registered on this thread. One per platform thread, reused for
 * every dispatch on it, holding nothing between dispatches, so that a request that registers allocates no slot and
 * touches no request attribute. Virtual threads keep none (one per request: a slot would be allocated per request).
 */
final class RequestDispatch {

	/** {@code Thread.isVirtual()} on Java 21 and later, {@code null} before. */
	private static final @Nullable MethodHandle IS_VIRTUAL = isVirtualHandle();

	private static final ThreadLocal<RequestDispatch> CURRENT = ThreadLocal.withInitial(RequestDispatch::new);

	private @Nullable ServletRequest request;

	/** The cleanups registered on this thread during the dispatch, {@code null} until the first. */
	@Nullable CleanupStack stack;

	/** The registry's count of shared stacks when the dispatch began. */
	int sharedStacks;

	/** This thread's counters of the statistics last asked for, kept from one dispatch to the next. */
	private @Nullable ThreadCleanupCounters counters;

	private RequestDispatch() {
	}

	/**
	 * Begins the dispatch of a request on this thread.
	 * @param request the request as the filter sees it
	 * @return the thread's slot, or {@code null} when this thread keeps none (a virtual thread, or a dispatch nested
	 * in another on this thread, whose outer dispatch keeps it)
	 */
	static @Nullable RequestDispatch begin(ServletRequest request) {
		if (onVirtualThread()) {
			return null;
		}
		RequestDispatch dispatch = CURRENT.get();
		if (dispatch.request != null) {
			return null;
		}
		dispatch.request = request;
		return dispatch;
	}

	/**
	 * Returns this thread's slot if this thread is dispatching the given request through the filter. The request
	 * bound by Spring may wrap the one the filter saw (filters after it wrap requests).
	 * @param request the request
	 * @return the slot, or {@code null}
	 */
	static @Nullable RequestDispatch of(ServletRequest request) {
		if (onVirtualThread()) {
			return null;
		}
		RequestDispatch dispatch = CURRENT.get();
		ServletRequest dispatched = dispatch.request;
		if (dispatched == null) {
			return null;
		}
		ServletRequest candidate = request;
		while (candidate != dispatched) {
			if (!(candidate instanceof ServletRequestWrapper wrapper)) {
				return null;
			}
			candidate = wrapper.getRequest();
		}
		return dispatch;
	}

	/**
	 * Returns this thread's counters of the given statistics, for a stack this thread opens.
	 * @param statistics the request scope's statistics
	 * @return this thread's counters
	 */
	ThreadCleanupCounters counters(CleanupStatistics statistics) {
		ThreadCleanupCounters counters = this.counters;
		if (counters == null || !counters.counts(statistics)) {
			counters = statistics.forCurrentThread();
			this.counters = counters;
		}
		return counters;
	}

	/**
	 * Ends the dispatch: empties the slot.
	 * @param dispatch what {@link #begin(ServletRequest)} returned
	 * @return the cleanups registered on this thread, or {@code null}
	 */
	static @Nullable CleanupStack end(@Nullable RequestDispatch dispatch) {
		if (dispatch == null) {
			return null;
		}
		CleanupStack stack = dispatch.stack;
		dispatch.stack = null;
		dispatch.request = null;
		return stack;
	}

	private static boolean onVirtualThread() {
		MethodHandle isVirtual = IS_VIRTUAL;
		if (isVirtual == null) {
			return false;
		}
		try {
			return (boolean) isVirtual.invokeExact(Thread.currentThread());
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Thread.isVirtual() failed", ex);
		}
	}

	private static @Nullable MethodHandle isVirtualHandle() {
		try {
			return MethodHandles.publicLookup()
				.findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
		}
		catch (NoSuchMethodException | IllegalAccessException ex) {
			return null; // Java 17: no virtual threads
		}
	}

}
