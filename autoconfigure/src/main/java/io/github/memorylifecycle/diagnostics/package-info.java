/**
 * Startup diagnostics shared by every feature: the {@code enabled} switches read like every Boot boolean and fail
 * startup on anything else ({@link io.github.memorylifecycle.diagnostics.ConditionalOnEnabledFeature}), and
 * unknown {@code memory.lifecycle.*} properties are named at startup. Wrong values of the features' own properties
 * fail with Boot's {@code InvalidConfigurationPropertyValueException}, thrown by each properties class when it is
 * bound, so Boot's failure analysis shows where the value came from.
 */
@NullMarked
package io.github.memorylifecycle.diagnostics;

import org.jspecify.annotations.NullMarked;
