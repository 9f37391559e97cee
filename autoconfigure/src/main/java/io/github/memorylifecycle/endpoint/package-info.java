/**
 * The {@code /actuator/memory-lifecycle} endpoint ({@link io.github.memorylifecycle.endpoint.MemoryLifecycleEndpoint}):
 * one document assembled from the parts each feature contributes through
 * {@link io.github.memorylifecycle.endpoint.MemoryLifecycleContributor}, and one write operation that cancels a live
 * item of any part.
 */
@NullMarked
package io.github.memorylifecycle.endpoint;

import org.jspecify.annotations.NullMarked;
