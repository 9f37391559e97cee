package io.github.memorylifecycle.meters;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.WarningKind;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;

/**
 * Writes the warnings of the {@link MeterCardinalityWatcher}: which name grew, which of its tags has the most
 * distinct values, and how to bound it. Finding the tag walks the meters of that name once per warning, and warnings
 * come only when a count doubles.
 */
final class CardinalityWarnings {

	static final String PROPERTY = "memory.lifecycle.meters.max-per-name";

	private final LifecycleWarnings warnings;

	CardinalityWarnings(LifecycleWarnings warnings) {
		this.warnings = warnings;
	}

	/**
	 * Warns that a name holds too many meters.
	 * @param id the meter whose registration crossed the threshold: the registry may not list it yet
	 * @param meters the meters of its name
	 * @param limit the limit
	 * @param registry the registry, to find the tag with the most distinct values in
	 */
	void tooManyMeters(Meter.Id id, long meters, int limit, MeterRegistry registry) {
		String name = id.getName();
		this.warnings.warn(WarningKind.METERS, "Meter '" + name + "' has " + meters + " meters (one per set of tag "
				+ "values), more than the limit of " + limit + " (" + PROPERTY + ")" + widestTag(id, registry)
				+ ". A tag whose values are ids, raw URIs or free text makes the meter registry and the metrics "
				+ "backend grow without end: give it a bounded set of values, or cap it with Micrometer's "
				+ "MeterFilter.maximumAllowableTags. The next warning comes when the count doubles.");
	}

	void tooManyNames(int maxNames) {
		this.warnings.warn(WarningKind.METERS, "The meter registry holds more than " + maxNames + " meter names: "
				+ "names themselves look unbounded (an id or a URI in the name?). Names past " + maxNames
				+ " are counted together, not one by one.");
	}

	private static String widestTag(Meter.Id id, MeterRegistry registry) {
		Map<String, Set<String>> valuesByKey = new HashMap<>();
		addTags(valuesByKey, id);
		for (Meter meter : registry.find(id.getName()).meters()) {
			addTags(valuesByKey, meter.getId());
		}
		String widest = null;
		int distinct = 0;
		for (Map.Entry<String, Set<String>> entry : valuesByKey.entrySet()) {
			if (entry.getValue().size() > distinct) {
				widest = entry.getKey();
				distinct = entry.getValue().size();
			}
		}
		return (widest != null) ? "; its tag '" + widest + "' has " + distinct + " distinct values" : "";
	}

	private static void addTags(Map<String, Set<String>> valuesByKey, Meter.Id id) {
		for (Tag tag : id.getTagsAsIterable()) {
			valuesByKey.computeIfAbsent(tag.getKey(), (key) -> new HashSet<>()).add(tag.getValue());
		}
	}

}
