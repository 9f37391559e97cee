/**
 * Leak checks for Spring Boot tests: {@link io.github.memorylifecycle.test.LeakCheck} and
 * {@link io.github.memorylifecycle.test.LeakAssertions}.
 */
@NullMarked
package io.github.memorylifecycle.test;

import org.jspecify.annotations.NullMarked;
