package io.github.memorylifecycle.cache;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * Binds Micrometer's Caffeine cache meters to a cache of {@link BoundedCaches}, with the tags Spring Boot gives
 * managed caches. Loaded only when such a cache exists, hence only with Caffeine present.
 */
final class FactoryCacheMetrics {

	private FactoryCacheMetrics() {
	}

	static void bind(MeterRegistry registry, String name, String manager, Object nativeCache) {
		CaffeineCacheMetrics.monitor(registry, (Cache<?, ?>) nativeCache, name,
				Tags.of("name", name, "cache.manager", manager));
	}

}
