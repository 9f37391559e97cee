package io.github.memorylifecycle.events;

import org.springframework.context.SmartLifecycle;

/**
 * Ends the startup phase of the {@link ListenerTracker} once the context is refreshed: started in the last lifecycle
 * phase, after every singleton, listener bean and {@code @EventListener} method is registered, and synchronously,
 * even when the multicaster delivers events on an executor.
 */
final class ListenerTrackingLifecycle implements SmartLifecycle {

	private final ListenerTracker tracker;

	private volatile boolean running;

	ListenerTrackingLifecycle(ListenerTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public void start() {
		this.tracker.start();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
