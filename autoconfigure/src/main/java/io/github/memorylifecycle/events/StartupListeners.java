package io.github.memorylifecycle.events;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.context.ApplicationListener;

/**
 * The listeners known at startup, reported as a count only: listener instances added before the end of the context's
 * refresh, and listener beans registered by name. A singleton listener bean is usually registered both ways; it is
 * counted once.
 * <p>
 * The instances are guarded by the {@link ListenerTracker}'s lock. Bean names are a concurrent set, read without the
 * lock, because telling listener beans apart means looking singletons up in the bean factory, which must never happen
 * under the tracker's lock (bean creation holds the factory's lock and then adds listeners).
 */
final class StartupListeners {

	private final Set<ApplicationListener<?>> instances = new HashSet<>();

	private final Set<String> beanNames = ConcurrentHashMap.newKeySet();

	private volatile Function<String, Object> singletons = (name) -> null;

	/**
	 * Sets how singletons are looked up by bean name, without being created.
	 * @param singletons the lookup, returning {@code null} for no singleton
	 */
	void singletons(Function<String, Object> singletons) {
		this.singletons = singletons;
	}

	boolean contains(ApplicationListener<?> listener) {
		return this.instances.contains(listener);
	}

	void add(ApplicationListener<?> listener) {
		this.instances.add(listener);
	}

	void remove(ApplicationListener<?> listener) {
		this.instances.remove(listener);
	}

	void addBean(String beanName) {
		this.beanNames.add(beanName);
	}

	void removeBean(String beanName) {
		this.beanNames.remove(beanName);
	}

	void clear() {
		this.instances.clear();
		this.beanNames.clear();
	}

	/**
	 * Tells whether a listener is the singleton of a listener bean, such as a lazy bean created after startup. Call
	 * it without holding the tracker's lock.
	 * @param listener the listener
	 * @return whether it is a listener bean
	 */
	boolean isBean(ApplicationListener<?> listener) {
		Function<String, Object> lookup = this.singletons;
		for (String beanName : this.beanNames) {
			if (lookup.apply(beanName) == listener) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Copies the instances, under the tracker's lock, for {@link #count(Set)}.
	 * @return a copy of the instances
	 */
	Set<ApplicationListener<?>> instances() {
		return new HashSet<>(this.instances);
	}

	/**
	 * Counts the startup listeners, each once. Call it without holding the tracker's lock.
	 * @param instances the copy of the instances made by {@link #instances()}
	 * @return the count
	 */
	int count(Set<ApplicationListener<?>> instances) {
		int count = instances.size();
		Function<String, Object> lookup = this.singletons;
		for (String beanName : this.beanNames) {
			Object singleton = lookup.apply(beanName);
			if (singleton == null || !instances.contains(singleton)) {
				count++;
			}
		}
		return count;
	}

}
