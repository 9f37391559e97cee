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
			.append((group.count == 1) ? " after its scope ended" : " after their scope ended")
			.append(" and after an old-generation collection");
		if (fingerprint.site() != null) {
			message.append("; handed to the watcher at ").append(fingerprint.site());
		}
		message.append("; fingerprint ")
			.append(fingerprint.id())
			.append((group.count == 1) ? ". Something still references it" : ". Something still references them")
			.append(": look for a static or long-lived collection, a cache, a listener or a timer.");
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
