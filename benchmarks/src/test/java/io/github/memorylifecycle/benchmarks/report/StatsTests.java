package io.github.memorylifecycle.benchmarks.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatsTests {

	@Test
	void medianOfAnOddCountIsTheMiddleValue() {
		assertThat(Stats.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
	}

	@Test
	void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
		assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 100.0))).isEqualTo(3.5);
	}

	@Test
	void medianOfNothingIsNotANumber() {
		assertThat(Stats.median(List.of())).isNaN();
	}

}
