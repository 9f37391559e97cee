package io.github.memorylifecycle.endpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A contributor that describes a part with a count and a list of numbered items, capped at the limit, the way the
 * feature contributors do; with details it adds a {@code detail} text. Item {@code 1} can be cancelled, once.
 */
final class StubContributor implements MemoryLifecycleContributor {

	private final String part;

	private final int items;

	private final int order;

	private boolean cancelled;

	StubContributor(String part, int items) {
		this(part, items, LOWEST_PRECEDENCE);
	}

	StubContributor(String part, int items, int order) {
		this.part = part;
		this.items = items;
		this.order = order;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public synchronized boolean cancel(long id) {
		if (id != 1 || this.cancelled) {
			return false;
		}
		this.cancelled = true;
		return true;
	}

	@Override
	public Object describe(int limit, boolean showDetails) {
		Map<String, Object> description = describe(limit);
		if (showDetails) {
			description.put("detail", "message from the application");
		}
		return description;
	}

	@Override
	public String part() {
		return this.part;
	}

	@Override
	public Map<String, Object> describe(int limit) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("live", this.items);
		List<Map<String, Object>> items = IntStream.range(0, Math.min(limit, this.items))
			.mapToObj((i) -> Map.<String, Object>of("id", i, "description", this.part + " #" + i))
			.toList();
		description.put("items", items);
		return description;
	}

}
