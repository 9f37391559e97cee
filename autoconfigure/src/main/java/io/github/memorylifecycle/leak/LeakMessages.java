package io.github.memorylifecycle.leak;

/**
 * The wording of leak warnings, kept apart so that the classes that decide stay short.
 */
final class LeakMessages {

	private LeakMessages() {
	}

	static String suspect(SuspectGroup group, long ageMillis) {
		SuspectGroup.Fingerprint fingerprint = group.fingerprint;
		StringBuilder message = new StringBuilder(256);
		message.append(group.count)
			.append((group.count == 1) ? " object of " : " objects of ")
			.append(fingerprint.className())
			.append(" (")
			.append(fingerprint.kind())
			.append(", '")
			.append(group.description)
			.append("') still reachable ")
			.append(age(ageMillis))
			.append(" after its scope ended and after an old-generation collection");
		if (fingerprint.site() != null) {
			message.append("; handed to the watcher at ").append(fingerprint.site());
		}
		message.append("; fingerprint ")
			.append(fingerprint.id())
			.append(". Something still references it: look for a static or long-lived collection, a cache,"
					+ " a listener or a timer that keeps it.");
		return message.toString();
	}

	static String age(long millis) {
		long seconds = Math.max(0, millis) / 1000;
		if (seconds < 60) {
			return seconds + "s";
		}
		if (seconds < 3600) {
			return (seconds / 60) + "m " + (seconds % 60) + "s";
		}
		return (seconds / 3600) + "h " + ((seconds % 3600) / 60) + "m";
	}

}
