package io.github.memorylifecycle.endpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The parts of the endpoint document, one per {@link MemoryLifecycleContributor}, in a stable order: the well-known
 * parts first ({@value #ORDER_DESCRIPTION}), then any other part alphabetically.
 * <p>
 * Two contributors for the same part are a configuration error and fail at startup. Without a contributor for
 * {@code leaks} the part is an empty list, so that clients can rely on the key; a real leak contributor replaces it.
 * A contributor that throws does not break the document: its part becomes {@code {"error": "<exception class>"}}
 * and the exception is logged.
 */
final class ContributorParts {

	static final String ORDER_DESCRIPTION = "memory, timers, listeners, registries, caches, warnings, leaks";

	private static final List<String> ORDER = List.of(ORDER_DESCRIPTION.split(", "));

	private static final Pattern PART_NAME = Pattern.compile("[a-z][a-z0-9-]*");

	private static final Log logger = LogFactory.getLog(ContributorParts.class);

	private final Map<String, MemoryLifecycleContributor> contributors;

	ContributorParts(List<MemoryLifecycleContributor> contributors) {
		Map<String, MemoryLifecycleContributor> byPart = new TreeMap<>();
		for (MemoryLifecycleContributor contributor : contributors) {
			String part = contributor.part();
			if (part == null || !PART_NAME.matcher(part).matches()) {
				throw new IllegalStateException("Contributor " + contributor.getClass().getName() + " names its part '"
						+ part + "': a part name must be lowercase letters, digits and dashes, such as 'timers'");
			}
			MemoryLifecycleContributor previous = byPart.putIfAbsent(part, contributor);
			if (previous != null) {
				throw new IllegalStateException("Two contributors describe part '" + part + "' of the memory-lifecycle "
						+ "endpoint: " + previous.getClass().getName() + " and " + contributor.getClass().getName()
						+ "; define only one (a contributor bean named '" + part
						+ "MemoryLifecycleContributor' replaces the default one)");
			}
		}
		byPart.putIfAbsent("leaks", new NoLeaksContributor());
		Map<String, MemoryLifecycleContributor> ordered = new LinkedHashMap<>();
		for (String part : ORDER) {
			MemoryLifecycleContributor contributor = byPart.remove(part);
			if (contributor != null) {
				ordered.put(part, contributor);
			}
		}
		ordered.putAll(byPart);
		this.contributors = Collections.unmodifiableMap(ordered);
	}

	/**
	 * Returns the part names, in document order.
	 * @return the names
	 */
	Set<String> names() {
		return this.contributors.keySet();
	}

	/**
	 * Describes every part.
	 * @param limit the maximum number of items of any list
	 * @return part name to description, in document order
	 */
	Map<String, @Nullable Object> describeAll(int limit) {
		Map<String, @Nullable Object> document = new LinkedHashMap<>();
		this.contributors.forEach((part, contributor) -> document.put(part, describe(contributor, limit)));
		return document;
	}

	/**
	 * Describes one part.
	 * @param part the part name, one of {@link #names()}
	 * @param limit the maximum number of items of any list
	 * @return the description
	 */
	@Nullable Object describe(String part, int limit) {
		MemoryLifecycleContributor contributor = this.contributors.get(part);
		if (contributor == null) {
			throw new IllegalArgumentException("No part '" + part + "'");
		}
		return describe(contributor, limit);
	}

	private @Nullable Object describe(MemoryLifecycleContributor contributor, int limit) {
		try {
			return contributor.describe(limit);
		}
		catch (RuntimeException ex) {
			logger.warn("Contributor " + contributor.getClass().getName() + " failed to describe part '"
					+ contributor.part() + "'", ex);
			return Map.of("error", ex.getClass().getName());
		}
	}

	/**
	 * Stands in for the leak detector until there is one: an empty list.
	 */
	private static final class NoLeaksContributor implements MemoryLifecycleContributor {

		@Override
		public String part() {
			return "leaks";
		}

		@Override
		public List<Object> describe(int limit) {
			return List.of();
		}

	}

}
