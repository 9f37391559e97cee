package io.github.memorylifecycle.events;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidListenersPropertyException} into a startup failure report that names the property, its
 * value and the fix.
 */
final class InvalidListenersPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidListenersPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidListenersPropertyException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
