package io.github.memorylifecycle.benchmarks;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a JMH benchmark class that measures the starter against plain Spring in the same run. The class has
 * exactly two benchmark methods, {@code baseline} and {@code starter}; the report pairs them (per parameter set),
 * prints both with the ratio of their medians and checks the target given here.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Comparison {

	/**
	 * What is measured, one line.
	 * @return the title of the comparison
	 */
	String title();

	/**
	 * What the {@code baseline} method does.
	 * @return the description of the baseline
	 */
	String baseline();

	/**
	 * What the {@code starter} method does.
	 * @return the description of the starter's side
	 */
	String starter();

	/**
	 * The target, in words.
	 * @return the target as the report prints it
	 */
	String target();

	/**
	 * Lowest accepted speed ratio, baseline time divided by starter time (1.0: at least as fast).
	 * @return the minimum speed ratio, 0 when the target says nothing about time
	 */
	double minSpeedRatio() default 0;

	/**
	 * Most bytes the starter may allocate per operation on top of the baseline.
	 * @return the maximum added allocation, negative when the target says nothing about allocation
	 */
	double maxAddedBytes() default -1;

	/**
	 * Most time the starter's operation may take, in nanoseconds (an absolute bound, checked on the starter's median
	 * time per operation).
	 * @return the maximum time per operation, negative when the target gives none
	 */
	double maxStarterNanos() default -1;

}
