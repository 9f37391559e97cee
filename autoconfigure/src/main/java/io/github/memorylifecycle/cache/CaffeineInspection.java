package io.github.memorylifecycle.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.stats.CacheStats;

/**
 * Reads bound, size and statistics of a native Caffeine cache. Loaded only when Caffeine is on the class path.
 */
final class CaffeineInspection {

	private CaffeineInspection() {
	}

	static boolean isCaffeine(Object nativeCache) {
		return nativeCache instanceof Cache;
	}

	static boolean isBounded(Object nativeCache) {
		return ((Cache<?, ?>) nativeCache).policy().eviction().isPresent();
	}

	static CacheDescriptor describe(String manager, String name, String type, Object nativeCache) {
		Cache<?, ?> cache = (Cache<?, ?>) nativeCache;
		Policy<?, ?> policy = cache.policy();
		Policy.Eviction<?, ?> eviction = policy.eviction().orElse(null);
		String bound = CacheDescriptor.UNBOUNDED;
		Long maximum = null;
		Long weightedSize = null;
		if (eviction != null) {
			bound = eviction.isWeighted() ? "weight" : "entries";
			maximum = eviction.getMaximum();
			weightedSize = eviction.isWeighted() ? eviction.weightedSize().orElse(0) : null;
		}
		Double hitRate = null;
		Long evictions = null;
		if (policy.isRecordingStats()) {
			CacheStats stats = cache.stats();
			hitRate = (stats.requestCount() > 0) ? stats.hitRate() : null;
			evictions = stats.evictionCount();
		}
		return new CacheDescriptor(name, manager, type, cache.estimatedSize(), bound, maximum, weightedSize, hitRate,
				evictions);
	}

}
