package io.github.memorylifecycle.leak;

/**
 * A cleanup that hands an object to the {@link LeakWatcher} when its scope ends. The object was sampled when the
 * cleanup was made, so it is tracked without a second draw. Once run, it lets go of the object.
 */
final class WatchAtScopeEnd implements AutoCloseable {

	private final LeakWatcher watcher;

	private final String description;

	private final String kind;

	private Object object;

	WatchAtScopeEnd(LeakWatcher watcher, Object object, String description, String kind) {
		this.watcher = watcher;
		this.object = object;
		this.description = description;
		this.kind = kind;
	}

	@Override
	public void close() {
		Object ended = this.object;
		this.object = null;
		if (ended == null) {
			return;
		}
		this.watcher.watchSampled(ended, this.description, this.kind);
	}

}
