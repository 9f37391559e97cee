package io.github.memorylifecycle.leak;

/**
 * Thrown at startup when a {@code memory.lifecycle.leak.*} property has a value out of range; the
 * {@link LeakPropertiesFailureAnalyzer} turns it into a report that names the property and the fix.
 */
final class InvalidLeakPropertyException extends IllegalStateException {

	private final String property;

	private final transient Object value;

	private final String expected;

	InvalidLeakPropertyException(String property, Object value, String expected) {
		super("Property '" + property + "' is " + value + " but must be " + expected);
		this.property = property;
		this.value = value;
		this.expected = expected;
	}

	String property() {
		return this.property;
	}

	Object value() {
		return this.value;
	}

	String expected() {
		return this.expected;
	}

}
