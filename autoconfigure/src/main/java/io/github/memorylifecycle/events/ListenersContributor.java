package io.github.memorylifecycle.events;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;

/**
 * The {@code listeners} part of the endpoint: how many listeners were added at run time and are still registered,
 * how many were known at startup, and the oldest runtime listeners (the likeliest to have leaked).
 */
final class ListenersContributor implements MemoryLifecycleContributor {

	private final ListenerTracker tracker;

	ListenersContributor(ListenerTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public String part() {
		return "listeners";
	}

	@Override
	public int getOrder() {
		return 300;
	}

	@Override
	public Map<String, Object> describe(int limit) {
		Map<String, Object> part = new LinkedHashMap<>();
		part.put("live", this.tracker.liveCount());
		part.put("static", this.tracker.startupCount());
		part.put("items", this.tracker.liveListeners(limit));
		return part;
	}

}
