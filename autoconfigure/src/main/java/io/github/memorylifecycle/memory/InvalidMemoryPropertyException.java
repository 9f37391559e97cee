package io.github.memorylifecycle.memory;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when a {@code memory.lifecycle.memory.*} property is out of range. Analyzed by
 * {@link InvalidMemoryPropertyFailureAnalyzer}, which prints the property and how to fix it.
 */
class InvalidMemoryPropertyException extends IllegalStateException {

	private final String property;

	private final String action;

	InvalidMemoryPropertyException(String property, @Nullable Object value, String reason, String action) {
		super("Invalid value '" + value + "' for property '" + property + "': " + reason);
		this.property = property;
		this.action = action;
	}

	String getProperty() {
		return this.property;
	}

	String getAction() {
		return this.action;
	}

}
