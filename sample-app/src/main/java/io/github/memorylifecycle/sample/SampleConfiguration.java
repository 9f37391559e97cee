package io.github.memorylifecycle.sample;

import java.util.List;

import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.cache.support.SimpleCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The leaky side of pattern 4: a plain map used as a cache. A map in a field would be invisible to any tool; this
 * one is wrapped in a {@link ConcurrentMapCache} held by a cache manager, so that the starter's cache inspection sees
 * it, reports its size and warns at startup that it is unbounded.
 */
@Configuration(proxyBeanMethods = false)
class SampleConfiguration {

	@Bean
	ConcurrentMapCache leakyQuoteCache() {
		return new ConcurrentMapCache("leaky-quotes");
	}

	@Bean
	SimpleCacheManager leakyCacheManager(ConcurrentMapCache leakyQuoteCache) {
		SimpleCacheManager manager = new SimpleCacheManager();
		manager.setCaches(List.of(leakyQuoteCache));
		return manager;
	}

}
