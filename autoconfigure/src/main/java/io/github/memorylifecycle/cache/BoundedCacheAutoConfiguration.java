package io.github.memorylifecycle.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.CaffeineSpec;
import com.github.benmanes.caffeine.cache.Weigher;
import io.github.memorylifecycle.diagnostics.ConditionalOnEnabledFeature;
import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.github.memorylifecycle.leak.GrowthSource;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.cache.autoconfigure.CacheProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of bounded caches: a bound for every cache of the auto-configured {@link CaffeineCacheManager},
 * the {@link BoundedCaches} factory, and the inspection of every cache manager for the endpoint and for meters.
 * Caffeine parts switch on when Caffeine is present; inspection works with any cache manager.
 */
@AutoConfiguration
@ConditionalOnEnabledFeature
@EnableConfigurationProperties(BoundedCacheProperties.class)
public final class BoundedCacheAutoConfiguration {

	static final String BOUNDED_CACHES = "boundedCaches";

	@Bean
	@ConditionalOnMissingBean
	CacheCatalog memoryLifecycleCacheCatalog(ListableBeanFactory beanFactory,
			ObjectProvider<LifecycleWarnings> warnings) {
		return new CacheCatalog(beanFactory, warnings);
	}

	@Bean
	@ConditionalOnMissingBean(name = "cacheEntriesGrowthSource")
	GrowthSource cacheEntriesGrowthSource(CacheCatalog catalog) {
		return GrowthSource.of("cache entries", () -> CacheInspection.estimatedEntries(catalog));
	}

	@Bean
	@ConditionalOnMissingBean(name = "cachesMemoryLifecycleContributor")
	MemoryLifecycleContributor cachesMemoryLifecycleContributor(CacheCatalog catalog) {
		return new CachesContributor(catalog);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Caffeine.class)
	static class CaffeineBoundConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DefaultCacheBound memoryLifecycleDefaultCacheBound(BoundedCacheProperties properties,
				Environment environment, ObjectProvider<Weigher<Object, Object>> weigher) {
			return DefaultCacheBound.of(properties, Binder.get(environment), weigher.getIfAvailable(EntryWeigher::new));
		}

		@Bean(BOUNDED_CACHES)
		@ConditionalOnMissingBean
		BoundedCaches boundedCaches(DefaultCacheBound bound, CacheCatalog catalog) {
			return new BoundedCaches(BOUNDED_CACHES, bound, catalog);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Caffeine.class, CaffeineCacheManager.class, CacheManagerCustomizer.class })
	static class CaffeineCacheManagerConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "memoryLifecycleCacheManagerCustomizer")
		CacheManagerCustomizer<CaffeineCacheManager> memoryLifecycleCacheManagerCustomizer(
				ObjectProvider<CacheProperties> cacheProperties, ObjectProvider<CaffeineSpec> caffeineSpec,
				ObjectProvider<Caffeine<Object, Object>> caffeine, DefaultCacheBound bound,
				BoundedCacheProperties properties, ObjectProvider<LifecycleWarnings> warnings, CacheCatalog catalog) {
			return new BoundingCacheManagerCustomizer(cacheProperties, caffeineSpec, caffeine, bound,
					properties.isRejectUnbounded(), warnings, catalog::discoverQuietly);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class CacheMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "memoryLifecycleCacheMeterBinder")
		MeterBinder memoryLifecycleCacheMeterBinder(CacheCatalog catalog, ListableBeanFactory beanFactory) {
			return new CacheMeterBinder(catalog, beanFactory);
		}

	}

}
