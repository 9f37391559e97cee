/**
 * The one journal every feature reports its warnings to ({@link io.github.memorylifecycle.warning.LifecycleWarnings}),
 * with the kinds in one place ({@link io.github.memorylifecycle.warning.WarningKind}).
 */
@NullMarked
package io.github.memorylifecycle.warning;

import org.jspecify.annotations.NullMarked;
