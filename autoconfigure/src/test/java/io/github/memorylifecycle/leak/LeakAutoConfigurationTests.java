package io.github.memorylifecycle.leak;

import java.util.List;
import java.util.Map;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.github.memorylifecycle.scope.OwnerCleanupListener;
import io.github.memorylifecycle.scope.OwnerCleanupRegistry;
import io.github.memorylifecycle.scope.ScopeAutoConfiguration;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class LeakAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleWarningsAutoConfiguration.class,
				ScopeAutoConfiguration.class, LeakAutoConfiguration.class));

	@Test
	void providesTheWatcherItsSourcesTheGcListenerTheTrendTheEndpointPartAndTheMetrics() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(LeakWatcher.class)
				.hasSingleBean(WeakReferenceLeakWatcher.class)
				.hasSingleBean(GcNotificationListener.class)
				.hasSingleBean(HeapGrowthMonitor.class)
				.hasSingleBean(ScopedBeanLeakWatchPostProcessor.class)
				.hasBean("leaksMemoryLifecycleContributor")
				.hasBean("leakWatchingOwnerCleanupListener")
				.hasBean("memoryLifecycleLeakMeterBinder");
			assertThat(context.getBean("leakWatchingOwnerCleanupListener"))
				.isInstanceOf(OwnerCleanupLeakListener.class);
		});
	}

	@Test
	void heapGrowthIsAttributedToGrowthSourceBeansScopesAndSuspects() {
		this.contextRunner.withBean("cacheEntries", GrowthSource.class, () -> new CountingGrowthSource("cache entries",
				() -> 42))
			.run((context) -> assertThat(context.getBean(HeapGrowthMonitor.class).sourceNames()).contains(
					"cache entries", "pending application cleanups", "pending owner cleanups", "open owner scopes",
					"retained leak suspects"));
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnLeakWatcher() {
		this.contextRunner.withUserConfiguration(CustomLeakWatcherConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(LeakWatcher.class).doesNotHaveBean(WeakReferenceLeakWatcher.class);
			assertThat(context.getBean(LeakWatcher.class)).isSameAs(context.getBean("customLeakWatcher"));
			Object leaks = context.getBean("leaksMemoryLifecycleContributor", MemoryLifecycleContributor.class)
				.describe(10);
			assertThat(leaks).isInstanceOfSatisfying(LeaksContributor.LeaksDescriptor.class,
					(descriptor) -> assertThat(descriptor.watching()).isNull());
		});
	}

	@Test
	void ownerCleanupRegistryTellsTheLeakWatcherOfEveryOwnerCleanedUp() {
		this.contextRunner.withPropertyValues("memory.lifecycle.leak.sample-rate=1").run((context) -> {
			OwnerCleanupRegistry owners = context.getBean(OwnerCleanupRegistry.class);
			Object owner = new Object();
			owners.register(owner, "nothing to release", () -> {
			});
			owners.cleanup(owner);
			assertThat(context.getBean(WeakReferenceLeakWatcher.class).watched()).isOne();
			assertThat(context.getBeansOfType(OwnerCleanupListener.class)).hasSize(1);
		});
	}

	@Test
	void isSwitchedOffWithEverythingElseByTheMasterSwitch() {
		this.contextRunner.withPropertyValues("memory.lifecycle.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LeakWatcher.class)
				.doesNotHaveBean(GcNotificationListener.class)
				.doesNotHaveBean("leaksMemoryLifecycleContributor"));
	}

	@Test
	void isSwitchedOffAloneByItsOwnProperty() {
		this.contextRunner.withPropertyValues("memory.lifecycle.leak.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LeakWatcher.class)
				.doesNotHaveBean(GcNotificationListener.class)
				.doesNotHaveBean(HeapGrowthMonitor.class)
				.doesNotHaveBean("leakWatchingOwnerCleanupListener")
				.hasSingleBean(OwnerCleanupRegistry.class));
	}

	@Test
	void heapGrowthTrendIsSwitchedOffAloneByItsOwnProperty() {
		this.contextRunner.withPropertyValues("memory.lifecycle.leak.heap-growth.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HeapGrowthMonitor.class)
				.hasSingleBean(LeakWatcher.class)
				.hasSingleBean(GcNotificationListener.class));
	}

	@Test
	void registersNoMeterBinderWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).doesNotHaveBean("memoryLifecycleLeakMeterBinder")
				.hasSingleBean(LeakWatcher.class));
	}

	@Test
	void metersFollowRetainedSuspectsByKindWatchedObjectsAndTheHeapTrend() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean("memoryLifecycleLeakMeterBinder", MeterBinder.class).bindTo(registry);
			for (String kind : List.of("user", "owner", "request", "session")) {
				assertThat(registry.get("memory.lifecycle.leak.suspects").tag("kind", kind).gauge().value()).isZero();
			}
			context.getBean(WeakReferenceLeakWatcher.class).suspectStore().retained("timer").incrementAndGet();
			assertThat(registry.get("memory.lifecycle.leak.suspects").tag("kind", "timer").gauge().value()).isOne();
			assertThat(registry.get("memory.lifecycle.leak.watched").gauge().value()).isZero();
			assertThat(registry.get("memory.lifecycle.leak.dropped").functionCounter().count()).isZero();
			assertThat(registry.get("memory.lifecycle.leak.heap.growth").gauge().value()).isNaN();
			assertThat(registry.get("memory.lifecycle.leak.heap.growth.alarm").gauge().value()).isZero();
		});
	}

	@Test
	void endpointPartSerializesToSuspectsItemsAndHeapGrowth() {
		this.contextRunner.run((context) -> {
			MemoryLifecycleContributor contributor = context.getBean("leaksMemoryLifecycleContributor",
					MemoryLifecycleContributor.class);
			assertThat(contributor.part()).isEqualTo("leaks");
			JsonMapper mapper = JsonMapper.builder().build();
			Map<String, Object> json = mapper.readValue(mapper.writeValueAsString(contributor.describe(10)),
					new TypeReference<Map<String, Object>>() {
			});
			assertThat(json).containsEntry("suspects", 0)
				.containsEntry("items", List.of())
				.containsKeys("retained", "watching", "watched", "dropped", "sampleRate", "heapGrowth");
			assertThat(mapper.convertValue(json.get("heapGrowth"), new TypeReference<Map<String, Object>>() {
			})).containsEntry("alarm", false)
				.containsEntry("warmingUp", true)
				.containsKeys("thresholdBytesPerMinute", "maxBytes", "growing");
		});
	}

	@Test
	void sampleRateOutOfRangeFailsStartupWithAnAnalysisThatNamesThePropertyAndTheFix() {
		this.contextRunner.withPropertyValues("memory.lifecycle.leak.sample-rate=1.5").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo("memory.lifecycle.leak.sample-rate");
					assertThat(ex.getValue()).isEqualTo(1.5);
					assertThat(ex.getReason()).contains("a number from 0.0 to 1.0");
				});
		});
	}

	@Test
	void minimumDurationLongerThanTheWindowFailsStartup() {
		this.contextRunner
			.withPropertyValues("memory.lifecycle.leak.heap-growth.window=10m",
					"memory.lifecycle.leak.heap-growth.min-duration=20m")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("memory.lifecycle.leak.heap-growth.min-duration");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomLeakWatcherConfiguration {

		@Bean
		LeakWatcher customLeakWatcher() {
			return new LeakWatcher() {

				@Override
				public void watch(Object object, String description, String kind) {
				}

				@Override
				public List<LeakSuspect> suspects() {
					return List.of();
				}

			};
		}

	}

}
