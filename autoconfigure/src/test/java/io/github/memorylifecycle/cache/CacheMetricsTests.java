package io.github.memorylifecycle.cache;

import com.github.benmanes.caffeine.cache.Cache;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Caches get meters whether they exist at startup or are created later, and none is registered twice.
 */
@ExtendWith(OutputCaptureExtension.class)
class CacheMetricsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleWarningsAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CacheAutoConfiguration.class,
				CacheMetricsAutoConfiguration.class, BoundedCacheAutoConfiguration.class))
		.withUserConfiguration(CachingConfiguration.class);

	@Test
	void cacheCreatedAfterStartupGetsMetersOnFirstUse() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			org.springframework.cache.Cache cache = context.getBean(CacheManager.class).getCache("late");
			assertThat(registry.find("cache.gets").tag("name", "late").meters()).isEmpty();
			cache.get("missing");
			cache.put("present", "value");
			cache.get("present");
			assertThat(count(registry, "late", "miss")).isEqualTo(1);
			assertThat(count(registry, "late", "hit")).isEqualTo(1);
			assertThat(((Cache<?, ?>) cache.getNativeCache()).policy().eviction()).isPresent();
		});
	}

	@Test
	void cachesBoundBySpringBootAtStartupAreNotBoundTwice(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.cache.cache-names=books").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			org.springframework.cache.Cache cache = context.getBean(CacheManager.class).getCache("books");
			cache.get("missing");
			context.getBean(CachesContributor.class).describe(10);
			assertThat(registry.find("cache.gets").tag("name", "books").meters()).hasSize(2)
				.allSatisfy((meter) -> assertThat(meter.getId().getTag("cache.manager")).isEqualTo("cacheManager"));
			assertThat(count(registry, "books", "miss")).isEqualTo(1);
		});
		assertThat(output).doesNotContain("has been already registered");
	}

	@Test
	void cachesOfBoundedCachesGetMetersTaggedWithTheFactory() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Cache<String, String> cache = context.getBean(BoundedCaches.class).create("tokens", 10);
			cache.getIfPresent("missing");
			Meter gets = registry.find("cache.gets").tags("name", "tokens", "result", "miss").meter();
			assertThat(gets).isNotNull();
			assertThat(gets.getId().getTag("cache.manager")).isEqualTo("boundedCaches");
			assertThat(count(registry, "tokens", "miss")).isEqualTo(1);
		});
	}

	@Test
	void unboundedCachesAreCounted() {
		this.contextRunner.withBean(CacheManager.class, () -> new ConcurrentMapCacheManager("plain", "other"))
			.run((context) -> assertThat(
					context.getBean(MeterRegistry.class).get("memory.lifecycle.cache.unbounded").gauge().value())
				.isEqualTo(2));
	}

	private static double count(MeterRegistry registry, String name, String result) {
		FunctionCounter counter = registry.find("cache.gets").tags("name", name, "result", result).functionCounter();
		assertThat(counter).isNotNull();
		return counter.count();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

	}

}
