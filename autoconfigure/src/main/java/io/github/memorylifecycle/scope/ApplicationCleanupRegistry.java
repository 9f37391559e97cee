package io.github.memorylifecycle.scope;

/**
 * Cleanups that run when the application context closes, before the application's executors and schedulers shut
 * down, so that a cleanup may still hand work to them.
 */
public interface ApplicationCleanupRegistry extends CleanupRegistry {

}
