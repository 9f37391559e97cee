package io.github.memorylifecycle.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class JmhResultsTests {

	private static final String SCOPE = "io.github.memorylifecycle.scope.RequestScopeBenchmark";

	@TempDir
	Path directory;

	@Test
	void pairsBaselineWithStarterAndTakesTheMedianOfThePerPassRatios() throws IOException {
		Path first = pass("one.json", 10, 20, 0.00001, 0.00002);
		Path second = pass("two.json", 10, 10, 0, 0);
		Path third = pass("three.json", 10, 12.5, 0, 0);
		List<JmhComparison> comparisons = JmhResults.read(List.of(first, second, third));
		assertThat(comparisons).singleElement().satisfies((comparison) -> {
			assertThat(comparison.name()).isEqualTo("RequestScopeBenchmark");
			assertThat(comparison.passRatios()).containsExactly(0.5, 1.0, 0.8);
			assertThat(comparison.speedRatio()).isEqualTo(0.8);
			assertThat(comparison.starter().nanos()).isEqualTo(12.5);
			assertThat(comparison.addedBytes()).isZero();
			assertThat(comparison.met()).isTrue();
		});
	}

	@Test
	void allocationAboveTheNoiseMissesAZeroByteTarget() throws IOException {
		List<JmhComparison> comparisons = JmhResults.read(List.of(pass("one.json", 10, 11, 0, 24)));
		assertThat(comparisons.get(0).addedBytes()).isCloseTo(24, within(0.001));
		assertThat(comparisons.get(0).met()).isFalse();
	}

	private Path pass(String name, double baselineNanos, double starterNanos, double baselineBytes,
			double starterBytes) throws IOException {
		Path file = this.directory.resolve(name);
		Files.writeString(file, "[" + benchmark("baseline", baselineNanos, baselineBytes) + ","
				+ benchmark("starter", starterNanos, starterBytes) + "]");
		return file;
	}

	private static String benchmark(String method, double cpuNanos, double bytes) {
		return """
				{"benchmark": "%s.%s", "params": {},
				 "primaryMetric": {"rawData": [[%s, %s]]},
				 "secondaryMetrics": {"gc.alloc.rate.norm": {"rawData": [[%s]]},
				                      "cpu.time.norm": {"rawData": [[%s]]}}}
				""".formatted(SCOPE, method, cpuNanos * 2, cpuNanos * 2, bytes, cpuNanos);
	}

}
