package io.github.memorylifecycle.memory;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup failure caused by an out-of-range {@code memory.lifecycle.memory.*} property: which property,
 * which value, why it is wrong and what to set instead.
 */
class InvalidMemoryPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMemoryPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidMemoryPropertyException cause) {
		return new FailureAnalysis(cause.getMessage() + ".", cause.getAction(), cause);
	}

}
