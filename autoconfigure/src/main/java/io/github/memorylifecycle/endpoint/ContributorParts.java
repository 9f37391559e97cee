package io.github.memorylifecycle.endpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The parts of the endpoint document, one per {@link MemoryLifecycleContributor}, in the contributors' order, then
 * by name.
 * <p>
 * Two contributors for the same part are a configuration error and fail at startup. A contributor that throws does
 * not break the document: its part becomes {@code {"error": "<exception class>"}} and the exception is logged.
 */
final class ContributorParts {

	private static final Pattern PART_NAME = Pattern.compile("[a-z][a-z0-9-]*");

	private static final Comparator<MemoryLifecycleContributor> DOCUMENT_ORDER = Comparator
		.comparingInt(MemoryLifecycleContributor::getOrder)
		.thenComparing(MemoryLifecycleContributor::part);

	private static final Log logger = LogFactory.getLog(ContributorParts.class);

	private final Map<String, MemoryLifecycleContributor> contributors;

	ContributorParts(List<MemoryLifecycleContributor> contributors) {
		List<MemoryLifecycleContributor> sorted = new ArrayList<>(contributors);
		for (MemoryLifecycleContributor contributor : sorted) {
			String part = contributor.part();
			if (part == null || !PART_NAME.matcher(part).matches()) {
				throw new IllegalStateException("Contributor " + contributor.getClass().getName() + " names its part '"
						+ part + "': a part name must be lowercase letters, digits and dashes, such as 'timers'");
			}
		}
		sorted.sort(DOCUMENT_ORDER);
		Map<String, MemoryLifecycleContributor> byPart = new LinkedHashMap<>();
		for (MemoryLifecycleContributor contributor : sorted) {
			String part = contributor.part();
			MemoryLifecycleContributor previous = byPart.putIfAbsent(part, contributor);
			if (previous != null) {
				throw new IllegalStateException("Two contributors describe part '" + part + "' of the memory-lifecycle "
						+ "endpoint: " + previous.getClass().getName() + " and " + contributor.getClass().getName()
						+ "; define only one (a contributor bean named '" + part
						+ "MemoryLifecycleContributor' replaces the default one)");
			}
		}
		this.contributors = Collections.unmodifiableMap(byPart);
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
	 * @param showDetails whether to show details taken from application objects
	 * @return part name to description, in document order
	 */
	Map<String, @Nullable Object> describeAll(int limit, boolean showDetails) {
		Map<String, @Nullable Object> document = new LinkedHashMap<>();
		this.contributors.forEach((part, contributor) -> document.put(part, describe(contributor, limit, showDetails)));
		return document;
	}

	/**
	 * Describes one part.
	 * @param part the part name, one of {@link #names()}
	 * @param limit the maximum number of items of any list
	 * @param showDetails whether to show details taken from application objects
	 * @return the description
	 */
	@Nullable Object describe(String part, int limit, boolean showDetails) {
		return describe(contributor(part), limit, showDetails);
	}

	/**
	 * Returns the contributor of a part.
	 * @param part the part name, one of {@link #names()}
	 * @return the contributor
	 */
	MemoryLifecycleContributor contributor(String part) {
		MemoryLifecycleContributor contributor = this.contributors.get(part);
		if (contributor == null) {
			throw new IllegalArgumentException("No part '" + part + "'");
		}
		return contributor;
	}

	private @Nullable Object describe(MemoryLifecycleContributor contributor, int limit, boolean showDetails) {
		try {
			return contributor.describe(limit, showDetails);
		}
		catch (RuntimeException ex) {
			logger.warn("Contributor " + contributor.getClass().getName() + " failed to describe part '"
					+ contributor.part() + "'", ex);
			return Map.of("error", ex.getClass().getName());
		}
	}

}
