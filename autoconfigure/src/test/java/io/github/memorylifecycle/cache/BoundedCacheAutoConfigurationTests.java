package io.github.memorylifecycle.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Weigher;
import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Beans, back-off and validation of {@link BoundedCacheAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class BoundedCacheAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(LifecycleWarningsAutoConfiguration.class, BoundedCacheAutoConfiguration.class));

	@Test
	void providesTheFactoryTheCustomizerTheContributorAndTheMeterBinder() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(BoundedCaches.class)
				.hasSingleBean(BoundingCacheManagerCustomizer.class)
				.hasSingleBean(CachesContributor.class)
				.hasSingleBean(CacheMeterBinder.class);
			assertThat(context.getBean(CachesContributor.class).part()).isEqualTo("caches");
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnFactory() {
		this.contextRunner.withBean("myCaches", BoundedCaches.class,
				() -> new BoundedCaches("myCaches", new DefaultCacheBound(5, null, null, new EntryWeigher()),
						new CacheCatalog(null, null)))
			.run((context) -> assertThat(context).hasSingleBean(BoundedCaches.class).hasBean("myCaches"));
	}

	@Test
	void weigherBeanOfTheApplicationReplacesTheEstimate() {
		this.contextRunner.withPropertyValues("memory.lifecycle.cache.maximum-weight=1KB")
			.withBean(Weigher.class, () -> (Weigher<Object, Object>) (key, value) -> 100)
			.run((context) -> {
				Cache<String, String> cache = context.getBean(BoundedCaches.class).create("weighed");
				cache.put("key", "value");
				assertThat(cache.policy().eviction().orElseThrow().weightOf("key")).hasValue(100);
				assertThat(cache.policy().eviction().orElseThrow().getMaximum()).isEqualTo(1024);
			});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("memory.lifecycle.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BoundedCaches.class)
				.doesNotHaveBean(CacheCatalog.class)
				.doesNotHaveBean(MemoryLifecycleContributor.class));
	}

	@Test
	void withoutCaffeineOnlyInspectsCacheManagers() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Caffeine.class))
			.run((context) -> assertThat(context).hasSingleBean(CachesContributor.class)
				.doesNotHaveBean(BoundedCaches.class)
				.doesNotHaveBean(BoundingCacheManagerCustomizer.class));
	}

	@Test
	void withoutSpringBootCacheModuleStillProvidesTheFactory() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(CacheManagerCustomizer.class))
			.run((context) -> assertThat(context).hasSingleBean(BoundedCaches.class)
				.doesNotHaveBean(BoundingCacheManagerCustomizer.class));
	}

	@Test
	void withoutMicrometerBindsNoMeters() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasSingleBean(BoundedCaches.class)
				.doesNotHaveBean(CacheMeterBinder.class));
	}

	@Test
	void zeroMaximumSizeFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("memory.lifecycle.cache.maximum-size=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("memory.lifecycle.cache.maximum-size")
				.hasMessageContaining("at least 1 entry"));
	}

	@Test
	void maximumWeightWithoutUnitFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("memory.lifecycle.cache.maximum-weight=1000")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("memory.lifecycle.cache.maximum-weight")
				.hasMessageContaining("needs a unit, for example 64MB"));
	}

	@Test
	void negativeMaximumWeightFailsStartup() {
		this.contextRunner.withPropertyValues("memory.lifecycle.cache.maximum-weight=-1MB")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("memory.lifecycle.cache.maximum-weight"));
	}

	@Test
	void zeroExpiryFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("memory.lifecycle.cache.expire-after-access=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("memory.lifecycle.cache.expire-after-access"));
	}

	@Test
	void sizeAndWeightTogetherFailStartup() {
		this.contextRunner
			.withPropertyValues("memory.lifecycle.cache.maximum-size=10", "memory.lifecycle.cache.maximum-weight=1MB")
			.run((context) -> {
				assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(MutuallyExclusiveConfigurationPropertiesException.class);
				var failure = (MutuallyExclusiveConfigurationPropertiesException) rootCause(
						context.getStartupFailure());
				assertThat(failure.getConfiguredNames()).containsExactlyInAnyOrder(
						"memory.lifecycle.cache.maximum-size", "memory.lifecycle.cache.maximum-weight");
			});
	}

	@Test
	void failureAnalyzerIsRegisteredAndReportsTheRejectedSpecification(CapturedOutput output) {
		SpringApplication application = new SpringApplication(StrictApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--spring.cache.caffeine.spec=expireAfterWrite=1m",
				"--memory.lifecycle.cache.reject-unbounded=true", "--spring.main.banner-mode=off"));
		assertThat(output).contains("APPLICATION FAILED TO START",
				"spring.cache.caffeine.spec 'expireAfterWrite=1m' sets neither maximumSize nor maximumWeight",
				"memory.lifecycle.cache.reject-unbounded is true",
				"spring.cache.caffeine.spec=maximumSize=10000,expireAfterWrite=1m");
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	@ImportAutoConfiguration({ LifecycleWarningsAutoConfiguration.class, CacheAutoConfiguration.class,
			BoundedCacheAutoConfiguration.class })
	static class StrictApplication {

	}

}
