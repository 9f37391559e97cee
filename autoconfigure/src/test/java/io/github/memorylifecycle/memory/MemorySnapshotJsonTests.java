package io.github.memorylifecycle.memory;

import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys of the {@code memory} part that clients and the issue fix: {@code containerLimit} and
 * {@code rssPercentOfContainerLimit}, {@code null} without a limit.
 */
class MemorySnapshotJsonTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void containerKeysAreNumbersInAContainer() {
		JsonNode memory = this.json.valueToTree(new StubMemoryReadings().container(800, 1000).snapshot());
		assertThat(memory.path("containerLimit").asLong()).isEqualTo(1000);
		assertThat(memory.path("rssPercentOfContainerLimit").asDouble()).isEqualTo(80.0);
		assertThat(memory.path("workingSet").asLong()).isEqualTo(900);
	}

	@Test
	void containerKeysAreNullWithoutALimit() {
		JsonNode memory = this.json.valueToTree(new StubMemoryReadings().snapshot());
		assertThat(Set.copyOf(memory.propertyNames())).contains("containerLimit", "rssPercentOfContainerLimit",
				"workingSet", "workingSetPercentOfContainerLimit", "residentAttribution");
		assertThat(memory.path("containerLimit").isNull()).isTrue();
		assertThat(memory.path("rssPercentOfContainerLimit").isNull()).isTrue();
	}

}
