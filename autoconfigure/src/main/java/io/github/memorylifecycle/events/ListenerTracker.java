package io.github.memorylifecycle.events;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.memorylifecycle.warning.LifecycleWarnings;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.context.ApplicationListener;

/**
 * Keeps the record of the listeners of one application event multicaster: the listeners known at startup as a count,
 * the listeners added at run time one by one with their {@link ListenerInfo}.
 * <p>
 * The multicaster (or its proxy) hands every change to the tracker together with the change itself, which the
 * tracker applies under its lock, so that the record never disagrees with the multicaster even when listeners are
 * added and removed from several threads. Nothing here is on the path that publishes events. A listener is a runtime
 * listener when it is added after {@link #start()} (the end of the context's refresh) or through
 * {@link ListenerRegistry}; listener beans and {@code @EventListener} methods are startup listeners.
 * <p>
 * Lock order: the tracker's lock is taken before the multicaster's own lock, never while holding the bean factory's
 * singleton lock; bean factory lookups therefore happen outside of it.
 */
final class ListenerTracker {

	private final Map<ApplicationListener<?>, ListenerInfo> runtime = new LinkedHashMap<>();

	private final StartupListeners startup = new StartupListeners();

	private final ListenerGrowth growth;

	private final boolean captureSites;

	private final Clock clock;

	private long lastId;

	private volatile int live;

	private volatile boolean started;

	private volatile boolean attached;

	private volatile BiConsumer<ApplicationListener<?>, String> unboundListenerWatch;

	/**
	 * Creates a tracker.
	 * @param maxPerEvent how many runtime listeners one event type may hold without a warning
	 * @param captureSites whether to record where each runtime listener was added
	 * @param clock the clock that stamps added listeners
	 * @param warnings supplies the warnings journal on first warning (the tracker is created early in the context's
	 * refresh)
	 */
	ListenerTracker(int maxPerEvent, boolean captureSites, Clock clock, Supplier<LifecycleWarnings> warnings) {
		this.growth = new ListenerGrowth(maxPerEvent, warnings);
		this.captureSites = captureSites;
		this.clock = clock;
	}

	/**
	 * Sets what to do with a runtime listener added without an owner or scope: the leak watcher follows it from the
	 * end of the current request, so that a listener added per request and never removed becomes a leak suspect.
	 * @param watch called with the listener and its description, outside any lock
	 */
	void watchUnboundListenersWith(BiConsumer<ApplicationListener<?>, String> watch) {
		this.unboundListenerWatch = watch;
	}

	/**
	 * Connects the tracker to the multicaster that reports to it.
	 * @param singletons looks a singleton up by bean name, or returns {@code null}: used to tell listener beans apart
	 */
	void attach(Function<String, Object> singletons) {
		this.startup.singletons(singletons);
		this.attached = true;
	}

	boolean isAttached() {
		return this.attached;
	}

	/**
	 * Marks the end of startup: listeners added from now on are runtime listeners.
	 */
	void start() {
		this.started = true;
	}

	/**
	 * Adds a listener to the multicaster and records it.
	 * @param listener the listener
	 * @param addition adds the listener to the multicaster
	 */
	void added(ApplicationListener<?> listener, Runnable addition) {
		ListenerDescriptions.Details details = isRuntime(listener)
				? ListenerDescriptions.details(listener, this.captureSites) : null;
		String warning = null;
		List<RegisteredListener> replaced = new ArrayList<>(0);
		synchronized (this) {
			addition.run();
			// the multicaster drops the target of a proxy that is added, so that it is not called twice
			if (AopProxyUtils.getSingletonTarget(listener) instanceof ApplicationListener<?> target) {
				forget(target, replaced);
			}
			if (this.runtime.containsKey(listener) || this.startup.contains(listener)) {
				// already registered: the multicaster keeps listeners in a set
			}
			else if (details == null) {
				this.startup.add(listener);
			}
			else {
				ListenerInfo info = new ListenerInfo(++this.lastId, details.eventType(), details.listener(),
						details.owner(), details.scope(), this.clock.instant(), details.site());
				this.runtime.put(listener, info);
				this.live = this.runtime.size();
				warning = this.growth.added(info.eventType(), this.runtime.values());
			}
		}
		replaced.forEach(RegisteredListener::detached);
		if (warning != null) {
			this.growth.warn(warning);
		}
		BiConsumer<ApplicationListener<?>, String> watch = this.unboundListenerWatch;
		if (watch != null && details != null && details.owner() == null && details.scope() == null) {
			watch.accept(listener, details.listener());
		}
	}

	/**
	 * Removes a listener from the multicaster and drops its record.
	 * @param listener the listener
	 * @param removal removes the listener from the multicaster
	 */
	void removed(ApplicationListener<?> listener, Runnable removal) {
		List<RegisteredListener> detached = new ArrayList<>(1);
		synchronized (this) {
			removal.run();
			forget(listener, detached);
		}
		detached.forEach(RegisteredListener::detached);
	}

	/**
	 * Removes the listeners that match a predicate from the multicaster and drops the records of exactly those it
	 * removed, by recording what the predicate matched.
	 * @param predicate the application's predicate
	 * @param removal removes from the multicaster with the predicate it is given
	 */
	void removedIf(Predicate<ApplicationListener<?>> predicate,
			Consumer<Predicate<ApplicationListener<?>>> removal) {
		List<ApplicationListener<?>> matched = new ArrayList<>();
		List<RegisteredListener> detached = new ArrayList<>();
		synchronized (this) {
			removal.accept(recording(predicate, matched));
			matched.forEach((listener) -> forget(listener, detached));
		}
		detached.forEach(RegisteredListener::detached);
	}

	/**
	 * Removes every listener from the multicaster and drops every record.
	 * @param removal removes every listener from the multicaster
	 */
	void cleared(Runnable removal) {
		List<RegisteredListener> detached = new ArrayList<>();
		synchronized (this) {
			removal.run();
			this.runtime.keySet().forEach((listener) -> {
				if (listener instanceof RegisteredListener registered) {
					detached.add(registered);
				}
			});
			this.runtime.clear();
			this.startup.clear();
			this.growth.clear();
			this.live = 0;
		}
		detached.forEach(RegisteredListener::detached);
	}

	/**
	 * Adds a listener bean, by name, to the multicaster: a startup listener.
	 * @param beanName the bean name
	 * @param addition adds the bean name to the multicaster
	 */
	void beanAdded(String beanName, Runnable addition) {
		synchronized (this) {
			addition.run();
			this.startup.addBean(beanName);
		}
	}

	void beanRemoved(String beanName, Runnable removal) {
		synchronized (this) {
			removal.run();
			this.startup.removeBean(beanName);
		}
	}

	void beansRemovedIf(Predicate<String> predicate, Consumer<Predicate<String>> removal) {
		synchronized (this) {
			List<String> matched = new ArrayList<>();
			removal.accept(recording(predicate, matched));
			matched.forEach(this.startup::removeBean);
		}
	}

	/**
	 * Returns the runtime listeners, oldest first.
	 * @param limit the most to return
	 * @return a snapshot copy
	 */
	List<ListenerInfo> liveListeners(int limit) {
		synchronized (this) {
			return this.runtime.values().stream().limit(limit).toList();
		}
	}

	/**
	 * Returns how many runtime listeners are registered, without locking.
	 * @return the count
	 */
	int liveCount() {
		return this.live;
	}

	/**
	 * Returns how many listeners were known at startup and are still registered: listener instances and listener
	 * beans, each counted once.
	 * @return the count
	 */
	int startupCount() {
		Set<ApplicationListener<?>> instances;
		synchronized (this) {
			instances = this.startup.instances();
		}
		return this.startup.count(instances);
	}

	long warnings() {
		return this.growth.warnings();
	}

	private boolean isRuntime(ApplicationListener<?> listener) {
		if (listener instanceof RegisteredListener) {
			return true;
		}
		if (!this.started) {
			return false;
		}
		// a lazy listener bean is added when it is first created, long after startup
		return !this.startup.isBean(listener);
	}

	/**
	 * Wraps a predicate so that what it matches is also added to a list (the multicaster calls it under its lock, in
	 * the calling thread).
	 */
	private static <T> Predicate<T> recording(Predicate<T> predicate, List<T> matched) {
		return (candidate) -> {
			boolean match = predicate.test(candidate);
			if (match) {
				matched.add(candidate);
			}
			return match;
		};
	}

	private void forget(ApplicationListener<?> listener, List<RegisteredListener> detached) {
		ListenerInfo info = this.runtime.remove(listener);
		if (info == null) {
			this.startup.remove(listener);
			return;
		}
		this.live = this.runtime.size();
		this.growth.removed(info.eventType());
		if (listener instanceof RegisteredListener registered) {
			detached.add(registered);
		}
	}

}
