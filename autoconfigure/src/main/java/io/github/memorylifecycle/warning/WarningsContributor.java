package io.github.memorylifecycle.warning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;

/**
 * The {@code warnings} part of the endpoint: how many warnings of each kind were raised since start, and the most
 * recent ones, newest first.
 */
final class WarningsContributor implements MemoryLifecycleContributor {

	private final LifecycleWarnings warnings;

	WarningsContributor(LifecycleWarnings warnings) {
		this.warnings = warnings;
	}

	@Override
	public String part() {
		return "warnings";
	}

	@Override
	public int getOrder() {
		return 600;
	}

	@Override
	public WarningsDescriptor describe(int limit) {
		Map<String, Long> counts = this.warnings.counts();
		long total = counts.values().stream().mapToLong(Long::longValue).sum();
		List<LifecycleWarning> recent = this.warnings.recent();
		List<LifecycleWarning> items = new ArrayList<>(Math.min(limit, recent.size()));
		for (int i = recent.size() - 1; i >= 0 && items.size() < limit; i--) {
			items.add(recent.get(i));
		}
		return new WarningsDescriptor(total, counts, recent.size(), items);
	}

	/**
	 * The warnings raised so far.
	 *
	 * @param total warnings raised since start
	 * @param counts warnings raised since start, per kind
	 * @param retained recent warnings kept in memory
	 * @param items the most recent warnings, newest first, at most the limit
	 */
	record WarningsDescriptor(long total, Map<String, Long> counts, int retained, List<LifecycleWarning> items) {
	}

}
