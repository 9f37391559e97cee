package io.github.memorylifecycle.leak;

import io.github.memorylifecycle.scope.OwnerCleanupListener;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Watches each owner that {@code OwnerCleanupRegistry.cleanup(owner)} cleaned up: its life is over, so it should be
 * collected. An owner cleaned up but still referenced becomes a suspect of kind {@code owner}, registered at the
 * caller of {@code cleanup}. Sampled like every watch; holds the owner only weakly.
 */
final class OwnerCleanupLeakListener implements OwnerCleanupListener {

	static final String KIND = "owner";

	private static final String DESCRIPTION = "owner cleaned up by OwnerCleanupRegistry";

	private final ObjectProvider<LeakWatcher> watcher;

	private volatile LeakWatcher resolved;

	OwnerCleanupLeakListener(ObjectProvider<LeakWatcher> watcher) {
		this.watcher = watcher;
	}

	@Override
	public void ownerCleanedUp(Object owner) {
		LeakWatcher leakWatcher = this.resolved;
		if (leakWatcher == null) {
			leakWatcher = this.watcher.getIfAvailable();
			if (leakWatcher == null) {
				return;
			}
			this.resolved = leakWatcher;
		}
		leakWatcher.watch(owner, DESCRIPTION, KIND);
	}

}
