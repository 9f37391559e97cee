package io.github.memorylifecycle.endpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A contributor that describes a part with a count and a list of numbered items, capped at the limit, the way the
 * feature contributors do.
 */
final class StubContributor implements MemoryLifecycleContributor {

	private final String part;

	private final int items;

	StubContributor(String part, int items) {
		this.part = part;
		this.items = items;
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
