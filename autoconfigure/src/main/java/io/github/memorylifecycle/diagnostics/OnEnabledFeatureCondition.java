package io.github.memorylifecycle.diagnostics;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Evaluates {@link ConditionalOnEnabledFeature}: binds each switch as a {@code Boolean} with Boot's binder, so that
 * it reads booleans exactly as {@code @ConfigurationProperties} do, and turns a value that does not convert into
 * Boot's {@link InvalidConfigurationPropertyValueException}, whose failure analysis shows the value's origin.
 */
class OnEnabledFeatureCondition extends SpringBootCondition {

	static final String PREFIX = "memory.lifecycle";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String feature = (String) metadata.getAnnotationAttributes(ConditionalOnEnabledFeature.class.getName())
			.get("value");
		Environment environment = context.getEnvironment();
		Binder binder = Binder.get(environment);
		String starter = PREFIX + ".enabled";
		if (!isEnabled(binder, environment, starter)) {
			return ConditionOutcome.noMatch(starter + " is false");
		}
		if (feature.isEmpty()) {
			return ConditionOutcome.match(starter + " is true or absent");
		}
		String name = PREFIX + "." + feature + ".enabled";
		return isEnabled(binder, environment, name) ? ConditionOutcome.match(name + " is true or absent")
				: ConditionOutcome.noMatch(name + " is false");
	}

	/**
	 * Reads one switch.
	 * @param binder the binder over the environment
	 * @param environment the environment, to echo a wrong value
	 * @param name the switch
	 * @return its value, {@code true} when absent
	 * @throws InvalidConfigurationPropertyValueException if its value is not a boolean
	 */
	static boolean isEnabled(Binder binder, Environment environment, String name) {
		try {
			return binder.bind(name, Boolean.class).orElse(true);
		}
		catch (BindException ex) {
			throw new InvalidConfigurationPropertyValueException(name, environment.getProperty(name),
					"It must be a boolean: true or false (yes/no, on/off and 1/0 are read the same way, in any case)");
		}
	}

}
