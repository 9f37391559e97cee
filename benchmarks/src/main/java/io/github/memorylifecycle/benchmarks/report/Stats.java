package io.github.memorylifecycle.benchmarks.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Medians and number formatting for the report. Medians, not means: on a shared machine one disturbed iteration
 * must not move the result.
 */
final class Stats {

	private Stats() {
	}

	static double median(Collection<Double> values) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(null);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	static String format(String pattern, Object... values) {
		return String.format(Locale.ROOT, pattern, values);
	}

}
