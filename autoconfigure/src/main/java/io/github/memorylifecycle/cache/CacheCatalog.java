package io.github.memorylifecycle.cache;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.WarningKind;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * Knows every cache of the application: those of every {@link CacheManager} bean, found by scanning the managers,
 * and those built by {@link BoundedCaches}, registered directly.
 * <p>
 * Managers are scanned once all singletons exist (or at the first read if the catalog itself was created later),
 * again when a cache built by the bounding customizer is first used, and on every read of the endpoint, so caches
 * created on the fly are found. The first time a cache is seen, listeners (the meter binder) are told and an
 * unbounded cache is reported to {@link LifecycleWarnings}, once per cache. Caches that disappear from their
 * manager are forgotten at the next scan.
 */
final class CacheCatalog implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(CacheCatalog.class);

	private static final Comparator<CatalogEntry> ORDER = Comparator.comparing(CatalogEntry::manager)
		.thenComparing(CatalogEntry::name);

	private final ListableBeanFactory beanFactory;

	private final ObjectProvider<LifecycleWarnings> warnings;

	private final Map<String, CatalogEntry> entries = new ConcurrentHashMap<>();

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	private final List<Consumer<CatalogEntry>> listeners = new CopyOnWriteArrayList<>();

	private volatile Map<String, CacheManager> managers;

	CacheCatalog(ListableBeanFactory beanFactory, ObjectProvider<LifecycleWarnings> warnings) {
		this.beanFactory = beanFactory;
		this.warnings = warnings;
	}

	@Override
	public void afterSingletonsInstantiated() {
		resolveManagers();
		discover();
	}

	private synchronized void resolveManagers() {
		if (this.managers == null) {
			this.managers = new LinkedHashMap<>(this.beanFactory.getBeansOfType(CacheManager.class, false, true));
		}
	}

	/**
	 * Scans the cache managers for caches not seen yet, and forgets those they no longer have. Does nothing before
	 * all singletons exist.
	 */
	synchronized void discover() {
		Map<String, CacheManager> managers = this.managers;
		if (managers == null) {
			return;
		}
		Set<String> present = new HashSet<>();
		managers.forEach((beanName, manager) -> {
			for (String name : manager.getCacheNames()) {
				Cache cache = manager.getCache(name);
				if (cache != null) {
					CatalogEntry entry = new CatalogEntry(beanName, name, cache, true);
					present.add(entry.key());
					add(entry);
				}
			}
		});
		this.entries.values().removeIf((entry) -> {
			boolean gone = entry.managed() && !present.contains(entry.key());
			if (gone) {
				this.warned.remove(entry.key()); // caches that come and go must not grow the set
			}
			return gone;
		});
	}

	/**
	 * Same as {@link #discover()}, for callers inside a cache operation: a failure is logged, never thrown.
	 */
	void discoverQuietly() {
		try {
			discover();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not scan the cache managers for new caches", ex);
		}
	}

	/**
	 * Registers a native cache built by {@link BoundedCaches}.
	 * @param manager the bean name of the factory
	 * @param name the cache name, unique among the factory's caches
	 * @param nativeCache the Caffeine cache
	 * @throws IllegalArgumentException if the factory already built a cache of that name
	 */
	synchronized void register(String manager, String name, Object nativeCache) {
		CatalogEntry entry = new CatalogEntry(manager, name, nativeCache, false);
		if (this.entries.containsKey(entry.key())) {
			throw new IllegalArgumentException("A bounded cache named '" + name + "' already exists: caches of "
					+ "BoundedCaches live as long as the application, create each one once and keep it");
		}
		add(entry);
	}

	/**
	 * Adds a listener, told at once of every cache known so far, then of each new one.
	 * @param listener the listener
	 */
	synchronized void addListener(Consumer<CatalogEntry> listener) {
		this.listeners.add(listener);
		this.entries.values().stream().sorted(ORDER).forEach(listener);
	}

	/**
	 * Scans the managers and returns every known cache, ordered by manager and name.
	 * @return a snapshot
	 */
	List<CatalogEntry> entries() {
		// A catalog created after startup (marked @Lazy) never saw afterSingletonsInstantiated.
		resolveManagers();
		discoverQuietly();
		List<CatalogEntry> snapshot = new ArrayList<>(this.entries.values());
		snapshot.sort(ORDER);
		return snapshot;
	}

	/**
	 * Returns the caches known so far, without scanning the managers: for callers on threads that must not call
	 * into the bean factory or remote caches, such as the GC notification thread.
	 * @return a snapshot, unordered
	 */
	List<CatalogEntry> known() {
		return new ArrayList<>(this.entries.values());
	}

	/**
	 * Counts the known caches that hold entries on the heap without bound. Does not scan.
	 * @return the count
	 */
	long unboundedCount() {
		return this.entries.values().stream().filter(CacheInspection::isUnbounded).count();
	}

	private void add(CatalogEntry entry) {
		if (this.entries.put(entry.key(), entry) != null) {
			return;
		}
		if (CacheInspection.isUnbounded(entry) && this.warned.add(entry.key())) {
			String message = "Cache '" + entry.name() + "' of cache manager '" + entry.manager() + "' ("
					+ CacheInspection.type(entry) + ") has no bound: it keeps every entry until removed explicitly. "
					+ "Prefer a Caffeine cache with maximumSize or maximumWeight.";
			this.warnings.getObject().warn(WarningKind.CACHES, message);
		}
		for (Consumer<CatalogEntry> listener : this.listeners) {
			listener.accept(entry);
		}
	}

}
