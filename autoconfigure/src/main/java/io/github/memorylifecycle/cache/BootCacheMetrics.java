package io.github.memorylifecycle.cache;

import io.micrometer.core.instrument.Tag;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.cache.metrics.CacheMetricsRegistrar;
import org.springframework.cache.Cache;

/**
 * Binds a managed cache through Spring Boot's {@link CacheMetricsRegistrar}, when Boot's cache metrics are active.
 * Loaded only when the registrar class is present.
 */
final class BootCacheMetrics {

	private BootCacheMetrics() {
	}

	static void bind(ListableBeanFactory beanFactory, Cache cache, String managerTag) {
		beanFactory.getBeanProvider(CacheMetricsRegistrar.class)
			.ifAvailable((registrar) -> registrar.bindCacheToRegistry(cache, Tag.of("cache.manager", managerTag)));
	}

}
