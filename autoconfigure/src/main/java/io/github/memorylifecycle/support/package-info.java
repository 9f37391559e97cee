/**
 * Mechanics shared by every feature, in one place: where application code called the starter from
 * ({@link io.github.memorylifecycle.support.CallSites}) and how a class is named
 * ({@link io.github.memorylifecycle.support.ClassNames}). Public only because Java has no friend packages: not an
 * API for applications.
 */
@NullMarked
package io.github.memorylifecycle.support;

import org.jspecify.annotations.NullMarked;
