package io.github.memorylifecycle.meters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property tables of {@code docs/containers.md} and {@code docs/prometheus.md} against the configuration
 * metadata the build generates: every documented property exists, with the documented default.
 */
class ObservabilityDocsPropertiesTests {

	private static final Pattern ROW = Pattern.compile("(?m)^\\| `(memory\\.lifecycle\\.[a-z.-]+)` \\| `([^`]*)` \\|");

	@Test
	void documentedPropertiesExistWithTheirDefaults() throws IOException {
		Map<String, String> defaults = metadataDefaults();
		Map<String, String> documented = new HashMap<>();
		for (String page : List.of("containers.md", "prometheus.md")) {
			Matcher row = ROW.matcher(Files.readString(Path.of("").toAbsolutePath().getParent().resolve("docs").resolve(page)));
			while (row.find()) {
				documented.put(row.group(1), row.group(2));
			}
		}
		assertThat(documented).containsKeys("memory.lifecycle.memory.container.warning-threshold",
				"memory.lifecycle.memory.container.critical-threshold", "memory.lifecycle.meters.max-per-name");
		documented.forEach((name, value) -> assertThat(defaults).as("default of %s", name).containsEntry(name, value));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> metadataDefaults() throws IOException {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			Map<String, Object> metadata = JsonMapper.builder().build().readValue(in, Map.class);
			Map<String, String> defaults = new HashMap<>();
			for (Map<String, Object> property : (List<Map<String, Object>>) metadata.get("properties")) {
				defaults.put((String) property.get("name"), String.valueOf(property.get("defaultValue")));
			}
			return defaults;
		}
	}

}
