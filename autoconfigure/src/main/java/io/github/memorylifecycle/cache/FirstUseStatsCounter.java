package io.github.memorylifecycle.cache;

import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;

/**
 * Records a cache's statistics and announces the cache's first use once, so that caches a cache manager creates on
 * the fly are discovered (bounds checked, meters bound) without polling.
 * <p>
 * {@code CaffeineCacheManager} gives no callback when it creates a cache, but Caffeine asks the builder's statistics
 * supplier for a counter each time it builds one. By the first recorded hit, miss, load or eviction the manager has
 * published the new cache, so the announcement can find it by name. After that first call the cost is one volatile
 * read per record; nothing is allocated.
 */
final class FirstUseStatsCounter implements StatsCounter {

	private final StatsCounter delegate = new ConcurrentStatsCounter();

	private final Runnable onFirstUse;

	private volatile boolean announced;

	FirstUseStatsCounter(Runnable onFirstUse) {
		this.onFirstUse = onFirstUse;
	}

	@Override
	public void recordHits(int count) {
		this.delegate.recordHits(count);
		announce();
	}

	@Override
	public void recordMisses(int count) {
		this.delegate.recordMisses(count);
		announce();
	}

	@Override
	public void recordLoadSuccess(long loadTime) {
		this.delegate.recordLoadSuccess(loadTime);
		announce();
	}

	@Override
	public void recordLoadFailure(long loadTime) {
		this.delegate.recordLoadFailure(loadTime);
		announce();
	}

	@Override
	public void recordEviction(int weight, RemovalCause cause) {
		this.delegate.recordEviction(weight, cause);
		announce();
	}

	@Override
	public CacheStats snapshot() {
		return this.delegate.snapshot();
	}

	private void announce() {
		if (!this.announced) {
			this.announced = true;
			this.onFirstUse.run();
		}
	}

}
