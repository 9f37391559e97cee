package io.github.memorylifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property tables of {@code docs/} cannot drift from the properties: each {@code memory.lifecycle.*} property a
 * table names exists in the configuration metadata the build generates, its documented default is the metadata's,
 * and every property of the metadata is documented on some page.
 * <p>
 * A table counts when its header's first column is {@code property}; its default is the column headed
 * {@code default}.
 */
class DocumentedPropertiesTests {

	private static final Path DOCS = Path.of("..", "docs");

	@Test
	void everyDocumentedPropertyExistsWithItsDefaultAndEveryPropertyIsDocumented() throws IOException {
		Map<String, Object> defaults = metadataDefaults();
		List<DocumentedProperty> documented = documentedProperties();
		List<String> problems = new ArrayList<>();
		for (DocumentedProperty property : documented) {
			if (!defaults.containsKey(property.name())) {
				problems.add(property.where() + ": " + property.name() + " is not a property of the starter; "
						+ "remove it or fix its name");
			}
			else if (property.defaultValue() != null && defaults.get(property.name()) != null
					&& !sameDefault(property.defaultValue(), defaults.get(property.name()))) {
				problems.add(property.where() + ": " + property.name() + " is documented with default '"
						+ property.defaultValue() + "' but its default is '" + defaults.get(property.name())
						+ "'; correct the table");
			}
		}
		TreeSet<String> undocumented = new TreeSet<>(defaults.keySet());
		documented.forEach((property) -> undocumented.remove(property.name()));
		undocumented.forEach((name) -> problems.add(name + " is documented on no page of docs/; add it to "
				+ "docs/configuration.md and to its feature's page"));
		assertThat(documented).as("documented properties").isNotEmpty();
		assertThat(problems).as("property tables of docs/ against the configuration metadata").isEmpty();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> metadataDefaults() throws IOException {
		Map<String, Object> defaults = new LinkedHashMap<>();
		for (String resource : List.of("META-INF/spring-configuration-metadata.json")) {
			try (InputStream in = new ClassPathResource(resource).getInputStream()) {
				Map<String, Object> metadata = JsonMapper.builder().build().readValue(in, Map.class);
				for (Map<String, Object> property : (List<Map<String, Object>>) metadata.get("properties")) {
					String name = (String) property.get("name");
					if (name.startsWith("memory.lifecycle.")) {
						defaults.put(name, property.get("defaultValue"));
					}
				}
			}
		}
		return defaults;
	}

	private static List<DocumentedProperty> documentedProperties() throws IOException {
		List<DocumentedProperty> documented = new ArrayList<>();
		try (Stream<Path> pages = Files.list(DOCS)) {
			for (Path page : pages.filter((path) -> path.toString().endsWith(".md")).sorted().toList()) {
				List<String> lines = Files.readAllLines(page);
				List<String> header = null;
				for (int i = 0; i < lines.size(); i++) {
					String line = lines.get(i).trim();
					if (!line.startsWith("|")) {
						header = null;
						continue;
					}
					List<String> cells = cells(line);
					if (cells.stream().allMatch((cell) -> cell.matches(":?-+:?"))) {
						continue;
					}
					if (header == null) {
						header = cells.stream().map((cell) -> cell.toLowerCase(Locale.ROOT)).toList();
						continue;
					}
					String name = unquote(cells.get(0));
					if (header.get(0).equals("property") && name.startsWith("memory.lifecycle.")) {
						int column = header.indexOf("default");
						String defaultValue = (column >= 0 && column < cells.size()) ? unquote(cells.get(column)) : null;
						documented.add(new DocumentedProperty(name, (defaultValue == null || defaultValue.isEmpty())
								? null : defaultValue, DOCS.relativize(page) + ":" + (i + 1)));
					}
				}
			}
		}
		return documented;
	}

	private static boolean sameDefault(String documented, Object actual) {
		String expected = String.valueOf(actual);
		if (documented.equalsIgnoreCase(expected)) {
			return true;
		}
		try {
			return Objects.equals(duration(documented), duration(expected));
		}
		catch (RuntimeException notDurations) {
			// not durations
		}
		try {
			return DataSize.parse(documented).equals(DataSize.parse(expected));
		}
		catch (RuntimeException notSizes) {
			return false;
		}
	}

	private static Duration duration(String text) {
		return text.equals("0") ? Duration.ZERO : DurationStyle.detectAndParse(text);
	}

	private static List<String> cells(String row) {
		String inner = row.substring(1, row.endsWith("|") ? row.length() - 1 : row.length());
		List<String> cells = new ArrayList<>();
		for (String cell : inner.split("\\|", -1)) {
			cells.add(cell.trim());
		}
		return cells;
	}

	private static String unquote(String cell) {
		return cell.replace("`", "").trim();
	}

	record DocumentedProperty(String name, String defaultValue, String where) {
	}

}
