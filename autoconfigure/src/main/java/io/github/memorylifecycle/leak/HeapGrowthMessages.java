package io.github.memorylifecycle.leak;

import java.util.List;
import java.util.Locale;

/**
 * The wording of heap-growth warnings.
 */
final class HeapGrowthMessages {

	private HeapGrowthMessages() {
	}

	static String growing(HeapGrowthTrend trend, long maxBytes, List<HeapGrowthMonitor.Growth> growing) {
		StringBuilder message = new StringBuilder(256);
		message.append("The long-lived heap floor rises by ")
			.append(rate(trend.slope()))
			.append(" over the last ")
			.append(LeakMessages.age(trend.spanMillis()))
			.append(" (")
			.append(trend.collections())
			.append(" readings after old-generation collections, ")
			.append(rate(trend.recentSlope()))
			.append(" over the recent third, threshold ")
			.append(rate(trend.threshold()))
			.append("); it is now ")
			.append(bytes(trend.lastBytes()))
			.append(" of ")
			.append(bytes(maxBytes))
			.append(". ");
		if (growing.isEmpty()) {
			message.append("Nothing the starter tracks grew over the same window: look for a collection or a cache"
					+ " outside its view, or take a heap dump.");
		}
		else {
			message.append("Grew over the same window: ");
			for (int i = 0; i < growing.size(); i++) {
				HeapGrowthMonitor.Growth growth = growing.get(i);
				message.append((i > 0) ? ", " : "")
					.append(growth.name())
					.append(' ')
					.append(growth.from())
					.append(" -> ")
					.append(growth.to());
			}
			message.append('.');
		}
		return message.toString();
	}

	static String rate(double bytesPerMinute) {
		return Double.isNaN(bytesPerMinute) ? "an unknown rate" : bytes(Math.round(bytesPerMinute)) + "/min";
	}

	static String bytes(long bytes) {
		double value = Math.abs(bytes);
		String sign = (bytes < 0) ? "-" : "";
		if (value < 1024) {
			return sign + (long) value + " B";
		}
		String[] units = { "KB", "MB", "GB", "TB" };
		int unit = -1;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return sign + String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
	}

}
