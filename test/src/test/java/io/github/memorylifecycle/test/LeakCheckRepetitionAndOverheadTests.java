package io.github.memorylifecycle.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.memorylifecycle.test.fixtures.Fixtures;
import io.github.memorylifecycle.test.fixtures.OverheadFixtures;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No flakes: the clean fixtures pass 50 times in a row. And what a check costs: the same test with and without
 * {@link LeakCheck}, alternated, with an A/A pair of two unchecked runs for the noise (printed, not asserted).
 */
class LeakCheckRepetitionAndOverheadTests {

	static final int REPETITIONS = 50;

	@Test
	void theCleanFixturesPassFiftyTimesInARow() {
		String[] clean = { "cleanTimer", "cleanListener", "cleanAsyncTask", "cleanRetainedObject",
				"cleanRequestScopedBean" };
		int passed = 0;
		for (int round = 0; round < REPETITIONS; round++) {
			for (String method : clean) {
				EngineTestKit.engine("junit-jupiter")
					.selectors(DiscoverySelectors.selectMethod(Fixtures.SpringBootTestFixture.class, method))
					.execute()
					.testEvents()
					.assertStatistics((stats) -> stats.succeeded(1).failed(0));
				passed++;
			}
		}
		assertThat(passed).isEqualTo(REPETITIONS * clean.length);
		System.out.printf("@LeakCheck repetitions: %d clean fixture runs (%d rounds of %s), 0 failed%n", passed,
				REPETITIONS, Arrays.toString(clean));
	}

	@Test
	void overheadPerTestIsMeasuredAgainstAnAaPair() {
		run(OverheadFixtures.Checked.class); // warm the cached context and the code paths
		run(OverheadFixtures.Unchecked.class);
		run(OverheadFixtures.UncheckedAgain.class);
		List<Double> checked = new ArrayList<>();
		List<Double> unchecked = new ArrayList<>();
		List<Double> uncheckedAgain = new ArrayList<>();
		for (int round = 0; round < 5; round++) {
			checked.add(run(OverheadFixtures.Checked.class));
			unchecked.add(run(OverheadFixtures.Unchecked.class));
			uncheckedAgain.add(run(OverheadFixtures.UncheckedAgain.class));
		}
		double with = median(checked);
		double without = median(unchecked);
		double again = median(uncheckedAgain);
		System.out.printf("@LeakCheck overhead per test that makes a request (a watched request-scoped bean, so one "
				+ "forced collection): %.2f ms with, %.2f ms without (+%.2f ms); A/A without/without %.2f%n", with,
				without, with - without, again / without);
		run(OverheadFixtures.CheckedWithoutWatchedObjects.class);
		run(OverheadFixtures.UncheckedWithoutWatchedObjects.class);
		List<Double> plainChecked = new ArrayList<>();
		List<Double> plainUnchecked = new ArrayList<>();
		for (int round = 0; round < 5; round++) {
			plainChecked.add(run(OverheadFixtures.CheckedWithoutWatchedObjects.class));
			plainUnchecked.add(run(OverheadFixtures.UncheckedWithoutWatchedObjects.class));
		}
		System.out.printf("@LeakCheck overhead per test that hands nothing to the watcher: %.3f ms with, %.3f ms "
				+ "without (+%.3f ms)%n", median(plainChecked), median(plainUnchecked),
				median(plainChecked) - median(plainUnchecked));
		assertThat(with).isPositive();
	}

	private static double run(Class<?> fixture) {
		long start = System.nanoTime();
		EngineTestKit.engine("junit-jupiter")
			.selectors(DiscoverySelectors.selectClass(fixture))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.succeeded(20).failed(0));
		return (System.nanoTime() - start) / 1e6 / 20;
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(Double::compare);
		return sorted.get(sorted.size() / 2);
	}

}
