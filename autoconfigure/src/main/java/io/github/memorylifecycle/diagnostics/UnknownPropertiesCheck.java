package io.github.memorylifecycle.diagnostics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Names, in one WARN line at startup, the properties under {@code memory.lifecycle} that the starter does not know
 * (a typo such as {@code maximum-szie} is otherwise ignored without a word), with a "did you mean" when a known
 * property is close.
 * <p>
 * The known properties are those of the configuration metadata the build generates (every
 * {@code META-INF/spring-configuration-metadata.json} and {@code additional-spring-configuration-metadata.json} on
 * the class path), so the check never drifts from the properties themselves. Names are compared in Boot's relaxed
 * form: {@code maximumSize}, {@code maximum_size} and {@code MEMORY_LIFECYCLE_CACHE_MAXIMUMSIZE} all match
 * {@code maximum-size}.
 */
final class UnknownPropertiesCheck implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(UnknownPropertiesCheck.class);

	private static final String PREFIX = OnEnabledFeatureCondition.PREFIX + ".";

	private final Environment environment;

	UnknownPropertiesCheck(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<String> unknown = unknownProperties();
		if (!unknown.isEmpty()) {
			logger.warn("Unknown memory-lifecycle properties, ignored: " + String.join("; ", unknown)
					+ ". The known ones are listed in the starter's configuration metadata (your IDE completes them).");
		}
	}

	/**
	 * Returns the unknown properties, each with a suggestion when a known one is close.
	 * @return the unknown properties, sorted, such as
	 * {@code memory.lifecycle.cache.maximum-szie (did you mean memory.lifecycle.cache.maximum-size?)}
	 */
	List<String> unknownProperties() {
		Metadata metadata = Metadata.load(getClass().getClassLoader());
		if (metadata.names().isEmpty()) {
			return List.of(); // no metadata to compare with: better silent than wrong about every property
		}
		Set<String> unknown = new TreeSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream()
					.map(ConfigurationPropertyName::toString)
					.filter((name) -> name.startsWith(PREFIX) && !metadata.knows(name))
					.forEach(unknown::add);
			}
		}
		List<String> described = new ArrayList<>(unknown.size());
		for (String name : unknown) {
			String closest = metadata.closest(name);
			described.add((closest != null) ? name + " (did you mean " + closest + "?)" : name);
		}
		return described;
	}

	/**
	 * The starter's properties, from the generated metadata.
	 *
	 * @param names the property names, as written in the metadata
	 * @param normalized the names without separators, lowercase, for relaxed comparison
	 * @param mapPrefixes the normalized names of map-typed properties, whose keys are free
	 */
	record Metadata(List<String> names, Set<String> normalized, Set<String> mapPrefixes) {

		static Metadata load(ClassLoader classLoader) {
			List<String> names = new ArrayList<>();
			Set<String> normalized = new TreeSet<>();
			Set<String> mapPrefixes = new TreeSet<>();
			for (Map<String, Object> property : properties(classLoader)) {
				Object name = property.get("name");
				if (name instanceof String text && text.startsWith(PREFIX)) {
					names.add(text);
					normalized.add(normalize(text));
					if (String.valueOf(property.get("type")).startsWith("java.util.Map<")) {
						mapPrefixes.add(normalize(text));
					}
				}
			}
			return new Metadata(names, normalized, mapPrefixes);
		}

		boolean knows(String name) {
			String candidate = normalize(name);
			return this.normalized.contains(candidate)
					|| this.mapPrefixes.stream().anyMatch((prefix) -> candidate.startsWith(prefix));
		}

		String closest(String name) {
			String best = null;
			int bestDistance = Integer.MAX_VALUE;
			for (String known : this.names) {
				int distance = distance(name, known);
				if (distance < bestDistance) {
					best = known;
					bestDistance = distance;
				}
			}
			return (bestDistance <= Math.max(2, name.length() / 8)) ? best : null;
		}

		@SuppressWarnings("unchecked")
		private static List<Map<String, Object>> properties(ClassLoader classLoader) {
			List<Map<String, Object>> properties = new ArrayList<>();
			try {
				Resource[] resources = new PathMatchingResourcePatternResolver(classLoader)
					.getResources("classpath*:META-INF/*spring-configuration-metadata.json");
				for (Resource resource : resources) {
					try (InputStream in = resource.getInputStream()) {
						Map<String, Object> json = JsonParserFactory.getJsonParser()
							.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
						Object list = json.get("properties");
						if (list instanceof List<?> items) {
							items.forEach((item) -> properties.add((Map<String, Object>) item));
						}
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Could not read the configuration metadata; unknown properties are not reported", ex);
				return Collections.emptyList();
			}
			return properties;
		}

		private static String normalize(String name) {
			StringBuilder normalized = new StringBuilder(name.length());
			for (char c : name.toCharArray()) {
				if (Character.isLetterOrDigit(c)) {
					normalized.append(Character.toLowerCase(c));
				}
			}
			return normalized.toString().toLowerCase(Locale.ROOT);
		}

		private static int distance(String a, String b) {
			int[] previous = new int[b.length() + 1];
			int[] current = new int[b.length() + 1];
			for (int j = 0; j <= b.length(); j++) {
				previous[j] = j;
			}
			for (int i = 1; i <= a.length(); i++) {
				current[0] = i;
				for (int j = 1; j <= b.length(); j++) {
					int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
					current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
				}
				int[] swap = previous;
				previous = current;
				current = swap;
			}
			return previous[b.length()];
		}

	}

}
