package io.github.memorylifecycle.sample;

import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.cache.support.SimpleCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The leaky side of pattern 4: a plain map used as a cache, held by a cache manager so that the starter's cache
 * inspection sees it, reports its size and warns that it is unbounded.
 */
@Configuration(proxyBeanMethods = false)
class SampleConfiguration {

	@Bean
	ConcurrentMapCache leakyPriceCache() {
		return new ConcurrentMapCache("leaky-prices");
	}

	@Bean
	SimpleCacheManager leakyCacheManager(ConcurrentMapCache leakyPriceCache) {
		SimpleCacheManager manager = new SimpleCacheManager();
		manager.setCaches(java.util.List.of(leakyPriceCache));
		return manager;
	}

}
