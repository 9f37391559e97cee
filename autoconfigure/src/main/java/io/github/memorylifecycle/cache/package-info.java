/**
 * Size-bounded caches: every Caffeine cache of Boot's cache manager gets a bound, caches made in code get one from
 * {@link io.github.memorylifecycle.cache.BoundedCaches}, and every cache of every {@code CacheManager} is listed with
 * its size, bound and hit rate. Entry point: {@link io.github.memorylifecycle.cache.BoundedCacheAutoConfiguration}.
 */
@NullMarked
package io.github.memorylifecycle.cache;

import org.jspecify.annotations.NullMarked;
