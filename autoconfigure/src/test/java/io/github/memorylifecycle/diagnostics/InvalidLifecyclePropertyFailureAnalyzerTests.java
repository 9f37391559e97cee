package io.github.memorylifecycle.diagnostics;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidLifecyclePropertyFailureAnalyzerTests {

	@Test
	void namesThePropertyTheValueAndTheFix() {
		Throwable failure = new BeanCreationException("someBean",
				new InvalidLifecyclePropertyException("memory.lifecycle.cache.maximum-size", -1,
						"a cache bound must be positive", "set it to 1 or more"));
		FailureAnalysis analysis = new InvalidLifecyclePropertyFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription())
			.isEqualTo("Invalid value '-1' for property 'memory.lifecycle.cache.maximum-size': a cache bound must be positive");
		assertThat(analysis.getAction()).contains("set it to 1 or more");
	}

}
