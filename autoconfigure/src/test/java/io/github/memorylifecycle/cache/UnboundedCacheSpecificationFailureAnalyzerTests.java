package io.github.memorylifecycle.cache;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UnboundedCacheSpecificationFailureAnalyzer} names the specification, the property and the fix.
 */
class UnboundedCacheSpecificationFailureAnalyzerTests {

	private final UnboundedCacheSpecificationFailureAnalyzer analyzer = new UnboundedCacheSpecificationFailureAnalyzer();

	@Test
	void findsTheCauseInsideABeanCreationFailure() {
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("cacheManager", "failed",
				new UnboundedCacheSpecificationException("spring.cache.caffeine.spec", "weakKeys", List.of("a"))));
		assertThat(analysis.getDescription()).startsWith(
				"spring.cache.caffeine.spec 'weakKeys' sets neither maximumSize nor maximumWeight for the caches [a]")
			.contains("memory.lifecycle.cache.reject-unbounded is true");
		assertThat(analysis.getAction()).startsWith("Add maximumSize or maximumWeight to the specification, "
				+ "for example spring.cache.caffeine.spec=maximumSize=10000,weakKeys")
			.contains("memory.lifecycle.cache.reject-unbounded=false", "memory.lifecycle.cache.maximum-size");
	}

	@Test
	void caffeineBeanIsToldToCallMaximumSize() {
		FailureAnalysis analysis = this.analyzer
			.analyze(new UnboundedCacheSpecificationException("the Caffeine bean", null, List.of()));
		assertThat(analysis.getDescription()).startsWith("the Caffeine bean sets neither maximumSize nor maximumWeight "
				+ "for the caches the auto-configured CaffeineCacheManager creates on demand");
		assertThat(analysis.getAction())
			.startsWith("Call maximumSize(...) or maximumWeight(...) with a weigher on the Caffeine bean");
	}

	@Test
	void caffeineSpecBeanGetsAnExampleSpecification() {
		FailureAnalysis analysis = this.analyzer.analyze(
				new UnboundedCacheSpecificationException("the CaffeineSpec bean", "expireAfterWrite=1m", List.of()));
		assertThat(analysis.getAction())
			.startsWith("Add maximumSize or maximumWeight to the specification, for example the CaffeineSpec bean as "
					+ "'maximumSize=10000,expireAfterWrite=1m'");
	}

	@Test
	void otherFailuresAreNotAnalyzed() {
		assertThat(this.analyzer.analyze(new IllegalStateException("unrelated"))).isNull();
	}

}
