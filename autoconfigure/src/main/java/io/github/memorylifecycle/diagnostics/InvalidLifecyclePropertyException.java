package io.github.memorylifecycle.diagnostics;

/**
 * Thrown at startup when a {@code memory.lifecycle.*} property has a value the starter cannot work with. It carries
 * the property, the offending value and the fix, so that {@link InvalidLifecyclePropertyFailureAnalyzer} can print
 * them instead of a stack trace.
 */
public class InvalidLifecyclePropertyException extends IllegalStateException {

	private final String property;

	private final Object value;

	private final String fix;

	/**
	 * Creates an exception.
	 * @param property the full property name, for example {@code memory.lifecycle.cache.maximum-size}
	 * @param value the value it was bound to
	 * @param reason why the value is wrong
	 * @param fix what to do about it
	 */
	public InvalidLifecyclePropertyException(String property, Object value, String reason, String fix) {
		super("Invalid value '" + value + "' for property '" + property + "': " + reason);
		this.property = property;
		this.value = value;
		this.fix = fix;
	}

	/**
	 * Returns the property that is wrong.
	 * @return the full property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Returns the offending value.
	 * @return the value
	 */
	public Object getValue() {
		return this.value;
	}

	/**
	 * Returns what to do about it.
	 * @return the fix
	 */
	public String getFix() {
		return this.fix;
	}

}
