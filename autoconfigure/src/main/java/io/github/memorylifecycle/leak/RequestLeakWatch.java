package io.github.memorylifecycle.leak;

import java.util.function.BiConsumer;

import io.github.memorylifecycle.scope.RequestCleanupRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Watches things that a request created and that should not outlive it: at the end of the current request they are
 * handed to the {@link LeakWatcher}, which reports them if they are still reachable after its delay and an old
 * collection. The timer and listener features call it for every timer scheduled and every runtime listener added
 * during a request without being bound to a scope: one never cancelled or never removed becomes a leak suspect.
 * <p>
 * Cheap when it does nothing: outside a request it returns at once, and an object that is not sampled costs one
 * random draw and no allocation.
 */
public final class RequestLeakWatch {

	private final LeakWatcher watcher;

	private final RequestCleanupRegistry requests;

	RequestLeakWatch(LeakWatcher watcher, RequestCleanupRegistry requests) {
		this.watcher = watcher;
		this.requests = requests;
	}

	/**
	 * Returns a watch for features created before this bean can be (the event multicaster is made early in a
	 * context's refresh): the bean is looked up on first use, once, and when there is none the watch does nothing.
	 * @param provider the provider of this bean
	 * @param kind the kind of the watched things, for example {@code timer}
	 * @return a watch taking the object and its description
	 */
	public static BiConsumer<Object, String> lazily(ObjectProvider<RequestLeakWatch> provider, String kind) {
		SingletonSupplier<BiConsumer<Object, String>> watch = SingletonSupplier.of(() -> {
			RequestLeakWatch resolved = provider.getIfAvailable();
			return (resolved != null) ? (object, description) -> resolved.watchAtRequestEnd(object, description, kind)
					: (object, description) -> {
					};
		});
		return (object, description) -> watch.obtain().accept(object, description);
	}

	/**
	 * Watches an object from the end of the current request, if a request is bound to the calling thread and the
	 * object is sampled; otherwise does nothing.
	 * @param object the object that should be unreachable once the request is over
	 * @param description what it is: a class name or a description the user gave
	 * @param kind what kind of thing it is, for example {@code timer} or {@code listener}
	 */
	public void watchAtRequestEnd(Object object, String description, String kind) {
		Assert.notNull(object, "object must not be null");
		if (RequestContextHolder.getRequestAttributes() == null) {
			return;
		}
		if (!this.watcher.sampled()) {
			return;
		}
		this.requests.register("leak watch of " + description,
				new WatchAtScopeEnd(this.watcher, object, description, kind));
	}

}
