package io.github.memorylifecycle.cache;

/**
 * What the endpoint shows of one cache.
 *
 * @param name name of the cache
 * @param manager bean name of its cache manager, or of {@link BoundedCaches}
 * @param type short class name of the cache
 * @param estimatedSize number of entries, approximate for Caffeine, {@code null} when unknown
 * @param bound {@code entries}, {@code weight}, {@code unbounded} or {@code unknown} (caches kept outside the heap,
 * such as Redis)
 * @param maximum the maximum number of entries, or of estimated bytes for a weight bound, {@code null} otherwise
 * @param weightedSize the estimated bytes held by a weight-bounded cache, {@code null} otherwise
 * @param hitRate hits divided by requests, {@code null} without statistics or requests
 * @param evictions entries evicted by the bound or by expiry, {@code null} without statistics
 */
record CacheDescriptor(String name, String manager, String type, Long estimatedSize, String bound, Long maximum,
		Long weightedSize, Double hitRate, Long evictions) {

	static final String UNBOUNDED = "unbounded";

	static final String UNKNOWN = "unknown";

}
