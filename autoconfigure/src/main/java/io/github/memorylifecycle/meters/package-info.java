/**
 * The meter cardinality watch ({@link io.github.memorylifecycle.meters.MetersAutoConfiguration}): the meters of the
 * application's registry counted by name, a warning when one name piles them up (an unbounded tag), and the
 * {@code meters} part of the actuator endpoint.
 */
@NullMarked
package io.github.memorylifecycle.meters;

import org.jspecify.annotations.NullMarked;
