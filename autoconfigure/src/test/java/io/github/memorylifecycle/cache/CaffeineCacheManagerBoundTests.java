package io.github.memorylifecycle.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.CaffeineSpec;
import com.github.benmanes.caffeine.cache.Policy;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every cache of the auto-configured {@link CaffeineCacheManager} gets a bound, whatever configured it.
 */
class CaffeineCacheManagerBoundTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleWarningsAutoConfiguration.class,
				CacheAutoConfiguration.class, BoundedCacheAutoConfiguration.class))
		.withUserConfiguration(BookConfiguration.class);

	@Test
	void cacheableWithOneHundredThousandDistinctKeysStaysWithinTheDefaultBound() {
		this.contextRunner.run((context) -> {
			BookService books = context.getBean(BookService.class);
			for (long id = 0; id < 100_000; id++) {
				books.find(id);
			}
			Cache<Object, Object> cache = nativeCache(context, "books");
			cache.cleanUp();
			assertThat(books.calls()).isEqualTo(100_000);
			assertThat(cache.policy().eviction()).get().extracting(Policy.Eviction::getMaximum).isEqualTo(10_000L);
			assertThat(cache.estimatedSize()).isLessThanOrEqualTo(10_000);
			assertThat(cache.stats().evictionCount()).isGreaterThanOrEqualTo(90_000);
			assertThat(context.getBean(LifecycleWarnings.class).count("caches")).isZero();
		});
	}

	@Test
	void cacheableWithManyKeysStaysWithinAConfiguredWeight() {
		this.contextRunner.withPropertyValues("memory.lifecycle.cache.maximum-weight=256KB").run((context) -> {
			BookService books = context.getBean(BookService.class);
			for (long id = 0; id < 5_000; id++) {
				books.find(id);
			}
			Cache<Object, Object> cache = nativeCache(context, "books");
			cache.cleanUp();
			Policy.Eviction<Object, Object> eviction = cache.policy().eviction().orElseThrow();
			assertThat(eviction.isWeighted()).isTrue();
			assertThat(eviction.getMaximum()).isEqualTo(256 * 1024);
			assertThat(eviction.weightedSize().orElseThrow()).isPositive().isLessThanOrEqualTo(256 * 1024);
			assertThat(cache.estimatedSize()).isBetween(1L, 4_999L);
		});
	}

	@Test
	void specificationWithoutBoundGetsTheDefaultBoundAndOneWarningNamingTheCaches() {
		this.contextRunner
			.withPropertyValues("spring.cache.caffeine.spec=expireAfterWrite=10m",
					"spring.cache.cache-names=books,authors")
			.run((context) -> {
				for (String name : new String[] { "books", "authors" }) {
					Policy<Object, Object> policy = nativeCache(context, name).policy();
					assertThat(policy.eviction()).get().extracting(Policy.Eviction::getMaximum).isEqualTo(10_000L);
					assertThat(policy.expireAfterWrite()).get()
						.extracting(Policy.FixedExpiration::getExpiresAfter)
						.isEqualTo(Duration.ofMinutes(10));
					assertThat(policy.isRecordingStats()).isTrue();
				}
				LifecycleWarnings warnings = context.getBean(LifecycleWarnings.class);
				assertThat(warnings.count("caches")).isOne();
				assertThat(warnings.recent().get(0).message()).contains("spring.cache.caffeine.spec",
						"expireAfterWrite=10m", "[books, authors]", "maximumSize=10000",
						"memory.lifecycle.cache.maximum-size");
			});
	}

	@Test
	void specificationWithItsOwnBoundKeepsItWithoutWarning() {
		this.contextRunner
			.withPropertyValues("spring.cache.caffeine.spec=maximumSize=50,recordStats",
					"spring.cache.cache-names=books")
			.run((context) -> {
				Policy<Object, Object> policy = nativeCache(context, "books").policy();
				assertThat(policy.eviction()).get().extracting(Policy.Eviction::getMaximum).isEqualTo(50L);
				assertThat(policy.isRecordingStats()).isTrue();
				assertThat(context.getBean(LifecycleWarnings.class).count("caches")).isZero();
			});
	}

	@Test
	void specificationWithMaximumWeightAndNoWeigherGetsTheEstimatingWeigherForCachesCreatedOnDemand() {
		this.contextRunner.withPropertyValues("spring.cache.caffeine.spec=maximumWeight=100000")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Cache<Object, Object> cache = nativeCache(context, "books");
				cache.put("key", "value");
				assertThat(cache.policy().eviction().orElseThrow().weightOf("key"))
					.hasValue(EntryWeigher.ENTRY_OVERHEAD + 48 + 48);
			});
	}

	@Test
	void unboundedSpecificationFailsStartupWhenRejected() {
		this.contextRunner
			.withPropertyValues("spring.cache.caffeine.spec=expireAfterWrite=10m", "spring.cache.cache-names=books",
					"memory.lifecycle.cache.reject-unbounded=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new UnboundedCacheSpecificationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("spring.cache.caffeine.spec 'expireAfterWrite=10m'",
						"caches [books]", "memory.lifecycle.cache.reject-unbounded is true");
				assertThat(analysis.getAction()).contains(
						"spring.cache.caffeine.spec=maximumSize=10000,expireAfterWrite=10m",
						"memory.lifecycle.cache.reject-unbounded=false");
			});
	}

	@Test
	void boundedSpecificationStartsWhenUnboundedOnesAreRejected() {
		this.contextRunner
			.withPropertyValues("spring.cache.caffeine.spec=maximumSize=10", "memory.lifecycle.cache.reject-unbounded=true")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void cacheCreatedOnDemandIsBounded() {
		this.contextRunner.run((context) -> {
			CacheManager manager = context.getBean(CacheManager.class);
			assertThat(manager.getCacheNames()).isEmpty();
			Cache<Object, Object> cache = nativeCache(context, "created-later");
			assertThat(cache.policy().eviction()).get().extracting(Policy.Eviction::getMaximum).isEqualTo(10_000L);
			assertThat(cache.policy().isRecordingStats()).isTrue();
		});
	}

	@Test
	void caffeineSpecBeanWithoutBoundIsBoundedAndWarned() {
		this.contextRunner.withBean(CaffeineSpec.class, () -> CaffeineSpec.parse("expireAfterAccess=5m"))
			.withPropertyValues("memory.lifecycle.cache.maximum-size=123")
			.run((context) -> {
				Policy<Object, Object> policy = nativeCache(context, "books").policy();
				assertThat(policy.eviction()).get().extracting(Policy.Eviction::getMaximum).isEqualTo(123L);
				assertThat(policy.expireAfterAccess()).get()
					.extracting(Policy.FixedExpiration::getExpiresAfter)
					.isEqualTo(Duration.ofMinutes(5));
				assertThat(context.getBean(LifecycleWarnings.class).recent().get(0).message())
					.contains("the CaffeineSpec bean 'expireAfterAccess=5m'",
							"the caches the auto-configured CaffeineCacheManager creates on demand");
			});
	}

	@Test
	void caffeineBeanWithoutBoundIsCompletedInPlaceAndItsCachesRebuilt() {
		Caffeine<Object, Object> builder = Caffeine.newBuilder().executor(Runnable::run);
		this.contextRunner.withBean(Caffeine.class, () -> builder)
			.withPropertyValues("spring.cache.cache-names=books", "memory.lifecycle.cache.maximum-size=100",
					"memory.lifecycle.cache.expire-after-access=1h")
			.run((context) -> {
				BookService books = context.getBean(BookService.class);
				for (long id = 0; id < 1_000; id++) {
					books.find(id);
				}
				Cache<Object, Object> cache = nativeCache(context, "books");
				cache.cleanUp();
				assertThat(cache.estimatedSize()).isLessThanOrEqualTo(100);
				assertThat(cache.policy().expireAfterAccess()).get()
					.extracting(Policy.FixedExpiration::getExpiresAfter)
					.isEqualTo(Duration.ofHours(1));
				assertThat(context.getBean(LifecycleWarnings.class).recent().get(0).message())
					.contains("the Caffeine bean", "caches [books]", "maximumSize=100");
			});
	}

	@Test
	void caffeineBeanWithItsOwnBoundIsLeftAsItIs() {
		this.contextRunner.withBean(Caffeine.class, () -> Caffeine.newBuilder().maximumSize(7))
			.run((context) -> {
				Cache<Object, Object> cache = nativeCache(context, "books");
				assertThat(cache.policy().eviction()).get().extracting(Policy.Eviction::getMaximum).isEqualTo(7L);
				assertThat(cache.policy().isRecordingStats()).isTrue();
				assertThat(context.getBean(LifecycleWarnings.class).count("caches")).isZero();
			});
	}

	@Test
	void applicationCustomizerThatSetsItsOwnBuilderHasTheLastWordAndIsReported() {
		this.contextRunner.withBean("unboundedBuilder", CacheManagerCustomizer.class,
				() -> (CacheManagerCustomizer<CaffeineCacheManager>) (manager) -> manager
					.setCaffeine(Caffeine.newBuilder()))
			.run((context) -> {
				assertThat(nativeCache(context, "books").policy().eviction()).isEmpty();
				context.getBean(CachesContributor.class).describe(10);
				assertThat(context.getBean(LifecycleWarnings.class).recent())
					.anySatisfy((warning) -> assertThat(warning.message()).contains("Cache 'books'", "no bound"));
			});
	}

	@Test
	void disabledStarterLeavesTheManagerAlone() {
		this.contextRunner.withPropertyValues("memory.lifecycle.enabled=false")
			.run((context) -> assertThat(nativeCache(context, "books").policy().eviction()).isEmpty());
	}

	@SuppressWarnings("unchecked")
	static Cache<Object, Object> nativeCache(AssertableApplicationContext context, String name) {
		org.springframework.cache.Cache cache = context.getBean(CacheManager.class).getCache(name);
		assertThat(cache).isNotNull();
		return (Cache<Object, Object>) cache.getNativeCache();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class BookConfiguration {

		@Bean
		BookService bookService() {
			return new BookService();
		}

	}

	static class BookService {

		private final AtomicInteger calls = new AtomicInteger();

		public int calls() {
			return this.calls.get();
		}

		@Cacheable("books")
		public String find(long id) {
			this.calls.incrementAndGet();
			return "book-" + id;
		}

	}

}
