package io.github.memorylifecycle.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidLifecyclePropertyException} into a startup report that names the property, its value, why
 * it is wrong and how to fix it.
 */
class InvalidLifecyclePropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidLifecyclePropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidLifecyclePropertyException cause) {
		return new FailureAnalysis(cause.getMessage(), "Update your application's configuration: " + cause.getFix(),
				cause);
	}

}
