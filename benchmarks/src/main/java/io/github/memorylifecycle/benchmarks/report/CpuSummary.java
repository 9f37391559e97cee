package io.github.memorylifecycle.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the summary that {@code benchmarks/cpu.sh} prints (one block per section: CPU per request of A, then the
 * starter/plain, A/A and calibration ratios with their medians and quartiles) and judges each section: the method
 * resolves it when the calibration's median shows at least half of its expected extra cost and the A/A pair's
 * quartiles stay within ±1 %; a resolved section meets its target when the starter/plain median is at most 1.01.
 */
final class CpuSummary {

	private static final Pattern RATIO = Pattern.compile(
			"^(\\S+)\\s+(starter/plain|A/A noise|calibration)\\s.*?(?:\\(expected ([0-9.]+)\\)\\s+)?median ([0-9.]+)\\s+IQR ([0-9.]+)-([0-9.]+).*$");

	private CpuSummary() {
	}

	/**
	 * One section's ratios.
	 * @param section the section name ({@code hello}, {@code exchange}, ...)
	 * @param starter median and quartiles of starter/plain
	 * @param aa median and quartiles of the A/A pair
	 * @param calibration median and quartiles of the calibration
	 * @param expected the calibration's expected ratio
	 */
	record Section(String section, double[] starter, double[] aa, double[] calibration, double expected) {

		boolean resolved() {
			return this.calibration[0] - 1 >= (this.expected - 1) / 2 && this.aa[1] >= 0.99 && this.aa[2] <= 1.01;
		}

		String verdict() {
			if (!resolved()) {
				return Stats.format("**not resolved** (A/A IQR %.3f–%.3f, calibration %.3f for %.3f)", this.aa[1],
						this.aa[2], this.calibration[0], this.expected);
			}
			return (this.starter[0] <= 1.01) ? "met" : "**missed**";
		}

	}

	static List<Section> parse(String summary) {
		Map<String, Map<String, double[]>> ratios = new LinkedHashMap<>();
		Map<String, Double> expected = new LinkedHashMap<>();
		for (String line : summary.split("\n")) {
			Matcher matcher = RATIO.matcher(line.trim());
			if (!matcher.matches()) {
				continue;
			}
			String section = matcher.group(1);
			ratios.computeIfAbsent(section, (key) -> new LinkedHashMap<>())
				.put(matcher.group(2), new double[] { Double.parseDouble(matcher.group(4)),
						Double.parseDouble(matcher.group(5)), Double.parseDouble(matcher.group(6)) });
			if (matcher.group(3) != null) {
				expected.put(section, Double.parseDouble(matcher.group(3)));
			}
		}
		List<Section> sections = new ArrayList<>();
		ratios.forEach((section, values) -> {
			if (values.size() == 3 && expected.containsKey(section)) {
				sections.add(new Section(section, values.get("starter/plain"), values.get("A/A noise"),
						values.get("calibration"), expected.get(section)));
			}
		});
		return sections;
	}

	/**
	 * Describes what a section measures, for the summary table.
	 * @param section the section name
	 * @return the description
	 */
	static String describe(String section) {
		return switch (section) {
			case "hello" -> "`/hello` (registers nothing), enabled / disabled";
			case "cleanup" -> "`/hello/cleanup` (one cleanup, starter registry vs Spring callback), enabled / disabled";
			case "exchange" -> "WebFlux `/hello` on Reactor Netty (an exchange that registers nothing), enabled / disabled";
			case "session" -> "`/hello/session` (reads a session kept by Spring Session in JDBC/H2), enabled / disabled";
			default -> "`" + section + "`, enabled / disabled";
		};
	}

}
