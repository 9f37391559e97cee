package io.github.memorylifecycle.cache;

import java.util.Map;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.memorylifecycle.cache.CachesContributor.CachesDescriptor;
import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code caches} part describes every cache of every cache manager and of {@link BoundedCaches}.
 */
class CachesContributorTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleWarningsAutoConfiguration.class,
				CacheAutoConfiguration.class, BoundedCacheAutoConfiguration.class));

	@Test
	void userCacheManagerIsKeptAndItsUnboundedCachesAreReportedOnce() {
		this.contextRunner.withUserConfiguration(ConcurrentMapConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(CacheManager.class);
			assertThat(context.getBean(CacheManager.class))
				.isSameAs(context.getBean(ConcurrentMapConfiguration.class).manager);
			context.getBean(CacheManager.class).getCache("plain").put("key", "value");
			CachesDescriptor caches = context.getBean(CachesContributor.class).describe(10);
			context.getBean(CachesContributor.class).describe(10);
			assertThat(caches.total()).isEqualTo(1);
			CacheDescriptor plain = caches.items().get(0);
			assertThat(plain).isEqualTo(new CacheDescriptor("plain", "userCacheManager", "ConcurrentMapCache", 1L,
					"unbounded", null, null, null, null));
			LifecycleWarnings warnings = context.getBean(LifecycleWarnings.class);
			assertThat(warnings.count("caches")).isOne();
			assertThat(warnings.recent().get(0).message()).contains("Cache 'plain'", "'userCacheManager'",
					"ConcurrentMapCache", "no bound");
		});
	}

	@Test
	void cacheCreatedOnTheFlyByAnUnboundedManagerIsReportedWhenInspected() {
		this.contextRunner.withUserConfiguration(DynamicConcurrentMapConfiguration.class).run((context) -> {
			context.getBean(CacheManager.class).getCache("plain");
			context.getBean(CachesContributor.class).describe(10);
			context.getBean(CacheManager.class).getCache("later");
			CachesDescriptor caches = context.getBean(CachesContributor.class).describe(10);
			assertThat(caches.items()).extracting(CacheDescriptor::name).containsExactly("later", "plain");
			assertThat(context.getBean(LifecycleWarnings.class).count("caches")).isEqualTo(2);
		});
	}

	@Test
	void everyManagerAndTheFactoryAreDescribedWithSizeBoundHitRateAndEvictions() {
		this.contextRunner.withUserConfiguration(TwoManagersConfiguration.class).run((context) -> {
			org.springframework.cache.Cache books = context.getBean("caffeineCacheManager", CacheManager.class)
				.getCache("books");
			books.put(1, "one");
			books.get(1);
			books.get(2);
			context.getBean(BoundedCaches.class).create("tokens", 3);
			CachesDescriptor caches = context.getBean(CachesContributor.class).describe(10);
			assertThat(caches.total()).isEqualTo(3);
			assertThat(caches.items()).extracting(CacheDescriptor::manager, CacheDescriptor::name)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("boundedCaches", "tokens"),
						org.assertj.core.groups.Tuple.tuple("caffeineCacheManager", "books"),
						org.assertj.core.groups.Tuple.tuple("mapCacheManager", "plain"));
			assertThat(caches.items().get(1)).isEqualTo(
					new CacheDescriptor("books", "caffeineCacheManager", "CaffeineCache", 1L, "entries", 42L, null,
							0.5, 0L));
			assertThat(caches.items().get(0)).isEqualTo(
					new CacheDescriptor("tokens", "boundedCaches", "Caffeine", 0L, "entries", 3L, null, null, 0L));
		});
	}

	@Test
	void managersAreInspectedUnderLazyInitialization() {
		this.contextRunner.withUserConfiguration(ConcurrentMapConfiguration.class)
			.withBean(LazyInitializationBeanFactoryPostProcessor.class)
			.run((context) -> assertThat(((CachesDescriptor) context
				.getBean("cachesMemoryLifecycleContributor", MemoryLifecycleContributor.class)
				.describe(10)).items())
				.extracting(CacheDescriptor::name)
				.containsExactly("plain"));
	}

	@Test
	void itemsAreCappedAtTheLimitAndTheTotalStillCountsAll() {
		this.contextRunner.withUserConfiguration(DynamicConcurrentMapConfiguration.class).run((context) -> {
			CacheManager manager = context.getBean(CacheManager.class);
			for (int i = 0; i < 6; i++) {
				manager.getCache("cache-" + i);
			}
			CachesDescriptor caches = context.getBean(CachesContributor.class).describe(2);
			assertThat(caches.total()).isEqualTo(6);
			assertThat(caches.items()).hasSize(2);
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void partSerializesToTotalAndItems() {
		this.contextRunner.withUserConfiguration(ConcurrentMapConfiguration.class).run((context) -> {
			CachesContributor contributor = context.getBean(CachesContributor.class);
			Map<String, Object> json = JsonMapper.builder().build()
				.convertValue(contributor.describe(10), Map.class);
			assertThat(contributor.part()).isEqualTo("caches");
			assertThat(json).containsEntry("total", 1).containsKey("items");
			assertThat((Iterable<Map<String, Object>>) json.get("items")).singleElement()
				.satisfies((item) -> assertThat(item).containsEntry("name", "plain")
					.containsEntry("manager", "userCacheManager")
					.containsEntry("bound", "unbounded")
					.containsEntry("estimatedSize", 0L));
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class ConcurrentMapConfiguration {

		final ConcurrentMapCacheManager manager = new ConcurrentMapCacheManager("plain");

		@Bean
		CacheManager userCacheManager() {
			return this.manager;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DynamicConcurrentMapConfiguration {

		@Bean
		CacheManager userCacheManager() {
			return new ConcurrentMapCacheManager();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoManagersConfiguration {

		@Bean
		CacheManager caffeineCacheManager() {
			CaffeineCacheManager manager = new CaffeineCacheManager("books");
			manager.setCaffeine(Caffeine.newBuilder().maximumSize(42).recordStats());
			return manager;
		}

		@Bean
		CacheManager mapCacheManager() {
			return new ConcurrentMapCacheManager("plain");
		}

	}

}
