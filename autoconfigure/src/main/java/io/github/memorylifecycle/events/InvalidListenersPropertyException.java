package io.github.memorylifecycle.events;

/**
 * Thrown at startup when a {@code memory.lifecycle.listeners.*} property has a value out of range; reported by
 * {@link InvalidListenersPropertyFailureAnalyzer}.
 */
final class InvalidListenersPropertyException extends RuntimeException {

	private final String property;

	private final transient Object value;

	private final String action;

	InvalidListenersPropertyException(String property, Object value, String reason, String action) {
		super("Invalid value '" + value + "' for property '" + property + "': " + reason);
		this.property = property;
		this.value = value;
		this.action = action;
	}

	String property() {
		return this.property;
	}

	Object value() {
		return this.value;
	}

	String action() {
		return this.action;
	}

}
