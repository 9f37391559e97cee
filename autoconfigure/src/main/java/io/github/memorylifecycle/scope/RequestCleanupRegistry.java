package io.github.memorylifecycle.scope;

/**
 * Cleanups that run at the true end of the current HTTP request: after the response is complete, including the
 * async part of a request ({@code Callable}, {@code DeferredResult}, {@code SseEmitter}), and also when the handler
 * throws.
 * <p>
 * A singleton that is safe to inject anywhere: each call works on the request bound to the calling thread. A
 * request that registers nothing costs nothing: its registry is created on the first registration.
 */
public interface RequestCleanupRegistry extends CleanupRegistry {

	/**
	 * Returns the registry of the request bound to the calling thread, pinned to that request: keep it to register
	 * cleanups later from threads that have no request bound, such as the thread that completes a
	 * {@code DeferredResult} or feeds an {@code SseEmitter}.
	 * @return the registry of the current request
	 * @throws IllegalStateException if no request is bound to the calling thread
	 */
	CleanupRegistry current();

}
