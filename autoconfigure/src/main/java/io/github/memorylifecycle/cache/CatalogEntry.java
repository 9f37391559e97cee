package io.github.memorylifecycle.cache;

/**
 * One cache known to the {@link CacheCatalog}.
 *
 * @param manager bean name of the cache manager, or of {@link BoundedCaches} for the caches it built
 * @param name name of the cache
 * @param cache the Spring {@link org.springframework.cache.Cache} when {@code managed}, else the native Caffeine
 * cache
 * @param managed whether the cache belongs to a Spring {@link org.springframework.cache.CacheManager}
 */
record CatalogEntry(String manager, String name, Object cache, boolean managed) {

	String key() {
		return (this.managed ? "m:" : "f:") + this.manager + '\u0000' + this.name;
	}

}
