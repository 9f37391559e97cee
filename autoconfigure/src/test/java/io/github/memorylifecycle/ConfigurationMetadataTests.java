package io.github.memorylifecycle;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code memory.lifecycle.*} property is documented: the IDE shows its description.
 */
class ConfigurationMetadataTests {

	@Test
	@SuppressWarnings("unchecked")
	void everyPropertyHasADescription() throws Exception {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			Map<String, Object> metadata = JsonMapper.builder().build().readValue(in, Map.class);
			List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
			assertThat(properties).extracting((property) -> property.get("name"))
				.contains("memory.lifecycle.enabled", "memory.lifecycle.warnings.retained");
			assertThat(properties).allSatisfy((property) -> assertThat(property.get("description"))
				.as("description of %s", property.get("name"))
				.asString()
				.isNotBlank());
		}
	}

}
