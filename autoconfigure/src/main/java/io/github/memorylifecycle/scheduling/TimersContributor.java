package io.github.memorylifecycle.scheduling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.github.memorylifecycle.scheduling.TimerInfo.Outcome;

/**
 * The {@code timers} part of the actuator document: {@code {"live": N, "items": [...]}}, the oldest live timers
 * first, at most {@code limit} of them.
 */
final class TimersContributor implements MemoryLifecycleContributor {

	private final TimerTracker tracker;

	TimersContributor(TimerTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public String part() {
		return "timers";
	}

	@Override
	public Object describe(int limit) {
		List<TimerInfo> timers = this.tracker.liveTimers(limit);
		List<Map<String, Object>> items = new ArrayList<>(timers.size());
		for (TimerInfo timer : timers) {
			items.add(item(timer));
		}
		Map<String, Object> part = new LinkedHashMap<>();
		part.put("live", Math.max(this.tracker.liveCount(), items.size()));
		part.put("items", items);
		return part;
	}

	static Map<String, Object> item(TimerInfo timer) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("id", timer.id());
		item.put("kind", timer.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
		item.put("schedule", timer.schedule());
		item.put("description", timer.description());
		putIfPresent(item, "site", timer.site());
		putIfPresent(item, "scope", timer.scope());
		putIfPresent(item, "owner", timer.owner());
		item.put("createdAt", timer.createdAt().toString());
		putIfPresent(item, "nextExecution", (timer.nextExecution() != null) ? timer.nextExecution().toString() : null);
		item.put("executions", timer.executions());
		Outcome outcome = timer.lastOutcome();
		if (outcome != null) {
			item.put("lastOutcome", outcome.success() ? "success" : "failure");
			putIfPresent(item, "exception", outcome.exception());
			putIfPresent(item, "message", outcome.message());
		}
		return item;
	}

	private static void putIfPresent(Map<String, Object> item, String key, Object value) {
		if (value != null) {
			item.put(key, value);
		}
	}

}
