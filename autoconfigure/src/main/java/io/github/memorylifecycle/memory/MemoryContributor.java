package io.github.memorylifecycle.memory;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;

/**
 * The {@code memory} part of the endpoint: a fresh {@link MemorySnapshot}.
 */
final class MemoryContributor implements MemoryLifecycleContributor {

	private final MemoryMonitor monitor;

	MemoryContributor(MemoryMonitor monitor) {
		this.monitor = monitor;
	}

	@Override
	public String part() {
		return "memory";
	}

	@Override
	public int getOrder() {
		return 100;
	}

	@Override
	public MemorySnapshot describe(int limit) {
		return this.monitor.snapshot();
	}

}
