/**
 * Cleanup registries scoped to the request, the session, an owner object and the application
 * ({@link io.github.memorylifecycle.scope.CleanupRegistry}), and {@link io.github.memorylifecycle.scope.Lifespan},
 * what every feature binds its work to.
 */
@NullMarked
package io.github.memorylifecycle.scope;

import org.jspecify.annotations.NullMarked;
