package io.github.memorylifecycle.endpoint;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMapper;

/**
 * Serves the {@code memoryLifecycle} endpoint at {@code memory-lifecycle}.
 * <p>
 * Boot logs a warning for an endpoint id with a dash, so the id is {@code memoryLifecycle}. Since endpoint ids are
 * compared ignoring dashes and case, {@code management.endpoints.web.exposure.include=memory-lifecycle} and
 * {@code management.endpoint.memory-lifecycle.access} still apply to it; only the URL needs this mapper. It has the
 * lowest precedence, so {@code management.endpoints.web.path-mapping.memoryLifecycle} still wins.
 */
final class MemoryLifecyclePathMapper implements PathMapper {

	static final String PATH = "memory-lifecycle";

	@Override
	public @Nullable String getRootPath(EndpointId endpointId) {
		return MemoryLifecycleEndpoint.ID.equals(endpointId) ? PATH : null;
	}

}
