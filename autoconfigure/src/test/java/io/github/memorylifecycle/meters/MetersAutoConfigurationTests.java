package io.github.memorylifecycle.meters;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.github.memorylifecycle.meters.MeterCardinalityWatcher.NameCardinality;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import io.github.memorylifecycle.warning.WarningKind;
import io.micrometer.core.instrument.HighCardinalityTagsDetector;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class MetersAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, LifecycleWarningsAutoConfiguration.class,
				MetersAutoConfiguration.class));

	@Test
	void watchesTheApplicationsRegistryAndDescribesTheMetersPart() {
		this.contextRunner.withPropertyValues("memory.lifecycle.meters.max-per-name=10").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			for (int id = 0; id < 11; id++) {
				registry.counter("logins", "user", "user-" + id);
			}
			MemoryLifecycleContributor contributor = context.getBean("metersMemoryLifecycleContributor",
					MemoryLifecycleContributor.class);
			assertThat(contributor.part()).isEqualTo("meters");
			MetersContributor.Meters meters = (MetersContributor.Meters) contributor.describe(1);
			assertThat(meters.watching()).isTrue();
			assertThat(meters.maxPerName()).isEqualTo(10);
			assertThat(meters.top()).containsExactly(new NameCardinality("logins", 11));
			assertThat(meters.warnings()).isEqualTo(1);
			assertThat(context.getBean(LifecycleWarnings.class).count(WarningKind.METERS)).isEqualTo(1);
			assertThat(registry.get("memory.lifecycle.warnings").tag("kind", "meters").functionCounter().count())
				.isOne();
		});
	}

	@Test
	void withoutAMeterRegistryThePartSaysNothingIsWatched() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LifecycleWarningsAutoConfiguration.class,
					MetersAutoConfiguration.class))
			.run((context) -> {
				MetersContributor.Meters meters = (MetersContributor.Meters) context
					.getBean("metersMemoryLifecycleContributor", MemoryLifecycleContributor.class)
					.describe(10);
				assertThat(meters.watching()).isFalse();
				assertThat(meters.top()).isEmpty();
			});
	}

	@Test
	void backsOffWhenSwitchedOff() {
		this.contextRunner.withPropertyValues("memory.lifecycle.meters.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MeterCardinalityWatcher.class)
				.doesNotHaveBean("metersMemoryLifecycleContributor"));
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run((context) -> assertThat(context).doesNotHaveBean(MeterCardinalityWatcher.class));
	}

	@Test
	void zeroMaxPerNameFailsNamingThePropertyAndTheFix() {
		this.contextRunner.withPropertyValues("memory.lifecycle.meters.max-per-name=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("memory.lifecycle.meters.max-per-name")
				.hasMessageContaining("1000 (the default)"));
	}

	@Test
	void theStartersOwnMetersHaveOnlyBoundedTags() {
		Class<?>[] starter = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
			.getCandidates()
			.stream()
			.filter((name) -> name.startsWith("io.github.memorylifecycle."))
			.map(MetersAutoConfigurationTests::load)
			.toArray(Class<?>[]::new);
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class))
			.withConfiguration(AutoConfigurations.of(starter))
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				Map<String, Set<String>> tagKeys = new TreeMap<>();
				for (Meter meter : registry.getMeters()) {
					if (meter.getId().getName().startsWith("memory.lifecycle.")) {
						Set<String> keys = tagKeys.computeIfAbsent(meter.getId().getName(), (name) -> new TreeSet<>());
						meter.getId().getTagsAsIterable().forEach((tag) -> keys.add(tag.getKey()));
					}
				}
				assertThat(tagKeys).as("the starter binds its meters").containsKeys("memory.lifecycle.warnings",
						"memory.lifecycle.meters.largest", "memory.lifecycle.memory.rss");
				// every tag of the starter's own meters takes its values from a fixed set: a warning kind, a scope,
				// an outcome, or a leak kind (at most 16, then "other")
				assertThat(tagKeys.values()).allSatisfy((keys) -> assertThat(keys).isSubsetOf("kind", "scope", "outcome"));
				// and Micrometer's own detector, asked with a threshold the size of the largest fixed set, finds none
				HighCardinalityTagsDetector detector = new HighCardinalityTagsDetector(registry, 17, Duration.ofDays(1));
				assertThat(detector.findFirst()).isEmpty();
				detector.close();
			});
	}

	private static Class<?> load(String name) {
		try {
			return Class.forName(name);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
