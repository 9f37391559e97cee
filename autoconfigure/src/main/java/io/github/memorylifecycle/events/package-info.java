/**
 * Runtime listeners that clean up after themselves: {@link io.github.memorylifecycle.events.ListenerRegistry} adds
 * listeners bound to a {@link io.github.memorylifecycle.scope.Lifespan}, and every listener added to the application
 * context at run time is tracked, listed and counted per event type.
 */
@NullMarked
package io.github.memorylifecycle.events;

import org.jspecify.annotations.NullMarked;
