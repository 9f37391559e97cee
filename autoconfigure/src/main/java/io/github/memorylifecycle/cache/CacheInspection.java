package io.github.memorylifecycle.cache;

import java.util.Map;

import org.springframework.cache.Cache;
import org.springframework.util.ClassUtils;

/**
 * Describes any cache the {@link CacheCatalog} knows: Caffeine caches in full, map-backed caches (such as those of
 * {@code ConcurrentMapCacheManager}) as unbounded, anything else (kept outside the heap or of an unknown kind) as
 * of unknown bound. Transaction-aware decorators are looked through.
 */
final class CacheInspection {

	private static final ClassLoader CLASS_LOADER = CacheInspection.class.getClassLoader();

	private static final boolean CAFFEINE_PRESENT = ClassUtils.isPresent("com.github.benmanes.caffeine.cache.Cache",
			CLASS_LOADER);

	private static final boolean DECORATOR_PRESENT = ClassUtils
		.isPresent("org.springframework.cache.transaction.TransactionAwareCacheDecorator", CLASS_LOADER);

	private CacheInspection() {
	}

	static CacheDescriptor describe(CatalogEntry entry) {
		Object nativeCache = nativeCache(target(entry));
		String type = type(entry);
		if (CAFFEINE_PRESENT && CaffeineInspection.isCaffeine(nativeCache)) {
			return CaffeineInspection.describe(entry.manager(), entry.name(), type, nativeCache);
		}
		if (nativeCache instanceof Map<?, ?> map) {
			return new CacheDescriptor(entry.name(), entry.manager(), type, (long) map.size(),
					CacheDescriptor.UNBOUNDED, null, null, null, null);
		}
		return new CacheDescriptor(entry.name(), entry.manager(), type, null, CacheDescriptor.UNKNOWN, null, null, null,
				null);
	}

	/**
	 * Tells whether a cache is known to hold entries on the heap without any bound.
	 * @param entry the cache
	 * @return whether it is unbounded; {@code false} for bounded caches and caches of unknown kind
	 */
	static boolean isUnbounded(CatalogEntry entry) {
		Object nativeCache = nativeCache(target(entry));
		if (CAFFEINE_PRESENT && CaffeineInspection.isCaffeine(nativeCache)) {
			return !CaffeineInspection.isBounded(nativeCache);
		}
		return nativeCache instanceof Map;
	}

	/**
	 * Returns the short class name of a cache, looking through decorators.
	 * @param entry the cache
	 * @return the class name without package
	 */
	static String type(CatalogEntry entry) {
		return entry.managed() ? ClassUtils.getShortName(target(entry).getClass()) : "Caffeine";
	}

	private static Object target(CatalogEntry entry) {
		Object cache = entry.cache();
		if (DECORATOR_PRESENT && cache instanceof Cache springCache) {
			return Decorators.unwrap(springCache);
		}
		return cache;
	}

	private static Object nativeCache(Object target) {
		return (target instanceof Cache springCache) ? springCache.getNativeCache() : target;
	}

	private static final class Decorators {

		static Cache unwrap(Cache cache) {
			try {
				if (cache instanceof org.springframework.cache.transaction.TransactionAwareCacheDecorator decorator) {
					return decorator.getTargetCache();
				}
			}
			catch (NoClassDefFoundError ex) {
				// spring-tx is absent: nothing can be decorated
			}
			return cache;
		}

	}

	/**
	 * Adds up the estimated sizes of the caches a catalog knows, for the heap-growth warning's attribution.
	 * @param catalog the catalog
	 * @return the estimated number of entries; caches of unknown size count as empty
	 */
	static long estimatedEntries(CacheCatalog catalog) {
		long entries = 0;
		for (CatalogEntry entry : catalog.known()) { // no scan: this runs on the GC notification thread
			Long size = describe(entry).estimatedSize();
			entries += (size != null) ? size : 0;
		}
		return entries;
	}

}
