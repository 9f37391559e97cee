/**
 * Tracked timers and async work: {@link io.github.memorylifecycle.scheduling.TrackedTaskScheduler} and
 * {@link io.github.memorylifecycle.scheduling.TrackedAsyncTaskExecutor} list what is live, bind it to a
 * {@link io.github.memorylifecycle.scope.Lifespan}, warn when one call site piles work up, and cancel by owner or id.
 */
@NullMarked
package io.github.memorylifecycle.scheduling;

import org.jspecify.annotations.NullMarked;
