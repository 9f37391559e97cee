package io.github.memorylifecycle.cache;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.cache.Cache;
import org.springframework.util.ClassUtils;

/**
 * Binds cache meters for every cache the {@link CacheCatalog} discovers, including those created after startup,
 * which Spring Boot's cache metrics (bound once, at startup) miss; also publishes
 * {@code memory.lifecycle.cache.unbounded}.
 * <p>
 * Caches of cache managers are bound through Spring Boot's {@code CacheMetricsRegistrar}, with the same tags Boot
 * uses ({@code name}, {@code cache.manager}), and only when Boot has not bound them already, so no meter is
 * registered twice; without Boot's cache metrics they get no meters. Caches of {@link BoundedCaches} get Micrometer's
 * Caffeine cache meters tagged {@code cache.manager=boundedCaches}.
 */
final class CacheMeterBinder implements MeterBinder {

	private static final Log logger = LogFactory.getLog(CacheMeterBinder.class);

	private static final boolean REGISTRAR_PRESENT = ClassUtils
		.isPresent("org.springframework.boot.cache.metrics.CacheMetricsRegistrar", CacheMeterBinder.class.getClassLoader());

	private final CacheCatalog catalog;

	private final ListableBeanFactory beanFactory;

	CacheMeterBinder(CacheCatalog catalog, ListableBeanFactory beanFactory) {
		this.catalog = catalog;
		this.beanFactory = beanFactory;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("memory.lifecycle.cache.unbounded", this.catalog, CacheCatalog::unboundedCount)
			.description("Caches that keep entries on the heap without a maximum size or weight")
			.register(registry);
		this.catalog.addListener((entry) -> bind(registry, entry));
	}

	private void bind(MeterRegistry registry, CatalogEntry entry) {
		String manager = entry.managed() ? managerTag(entry.manager()) : entry.manager();
		if (isBound(registry, entry.name(), manager)) {
			return;
		}
		try {
			if (!entry.managed()) {
				FactoryCacheMetrics.bind(registry, entry.name(), manager, entry.cache());
			}
			else if (REGISTRAR_PRESENT) {
				BootCacheMetrics.bind(this.beanFactory, (Cache) entry.cache(), manager);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not bind meters of cache '" + entry.name() + "'", ex);
		}
	}

	private static boolean isBound(MeterRegistry registry, String name, String manager) {
		return registry.find("cache.gets").tag("name", name).tag("cache.manager", manager).meter() != null;
	}

	/**
	 * Returns the {@code cache.manager} tag Spring Boot gives a cache manager bean: its name without a trailing
	 * {@code cacheManager}.
	 * @param beanName the bean name
	 * @return the tag value
	 */
	static String managerTag(String beanName) {
		String suffix = "cacheManager";
		if (beanName.length() > suffix.length() && beanName.regionMatches(true,
				beanName.length() - suffix.length(), suffix, 0, suffix.length())) {
			return beanName.substring(0, beanName.length() - suffix.length());
		}
		return beanName;
	}

}
