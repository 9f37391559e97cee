package io.github.memorylifecycle.scheduling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;

/**
 * The {@code async} part of the actuator document: {@code {"pending": N, "items": [...]}}, the oldest pending work
 * first, at most {@code limit} of them. Reading it also reports work that has become stuck.
 */
final class AsyncContributor implements MemoryLifecycleContributor {

	private final AsyncTracker tracker;

	AsyncContributor(AsyncTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public String part() {
		return "async";
	}

	@Override
	public Object describe(int limit) {
		this.tracker.reportStuck();
		List<PendingTaskInfo> tasks = this.tracker.pendingTasks(limit);
		List<Map<String, Object>> items = new ArrayList<>(tasks.size());
		for (PendingTaskInfo task : tasks) {
			items.add(item(task));
		}
		Map<String, Object> part = new LinkedHashMap<>();
		part.put("pending", Math.max(this.tracker.liveCount(), items.size()));
		part.put("cancelledAtScopeEnd", this.tracker.cancelledAtScopeEndCount());
		part.put("items", items);
		return part;
	}

	static Map<String, Object> item(PendingTaskInfo task) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("id", task.id());
		item.put("description", task.description());
		if (task.site() != null) {
			item.put("site", task.site());
		}
		if (task.scope() != null) {
			item.put("scope", task.scope());
		}
		if (task.owner() != null) {
			item.put("owner", task.owner());
		}
		item.put("submittedAt", task.submittedAt().toString());
		item.put("state", task.state().name().toLowerCase(Locale.ROOT));
		return item;
	}

}
