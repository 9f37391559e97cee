package io.github.memorylifecycle.diagnostics;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when the starter is on ({@code memory.lifecycle.enabled}, true when absent) and so is the named feature
 * ({@code memory.lifecycle.<feature>.enabled}, true when absent).
 * <p>
 * The switches are read the way Spring's binder reads every boolean property ({@code true}/{@code false}, also
 * {@code yes}/{@code no}, {@code on}/{@code off}, {@code 1}/{@code 0}, in any case), and a value that is none of
 * these fails startup naming the property, where its value came from and the values it accepts — instead of
 * switching the starter off without a word, as a plain property condition would for {@code ture}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnEnabledFeatureCondition.class)
public @interface ConditionalOnEnabledFeature {

	/**
	 * The feature's property prefix below {@code memory.lifecycle}, such as {@code scheduling} or
	 * {@code leak.heap-growth}; empty for the starter's own switch only.
	 * @return the feature
	 */
	String value() default "";

}
