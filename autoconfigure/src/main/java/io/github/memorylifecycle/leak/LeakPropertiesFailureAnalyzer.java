package io.github.memorylifecycle.leak;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup failure caused by a wrong {@code memory.lifecycle.leak.*} property: which one, its value, and
 * what to set instead.
 */
final class LeakPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidLeakPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidLeakPropertyException cause) {
		String description = "Leak detection cannot start: property '" + cause.property() + "' is " + cause.value()
				+ ", which is out of range.";
		String action = "Set '" + cause.property() + "' to " + cause.expected() + ", or remove it to use the default"
				+ " (see readme: leaks). Set 'memory.lifecycle.leak.enabled=false' to switch leak detection off.";
		return new FailureAnalysis(description, action, cause);
	}

}
