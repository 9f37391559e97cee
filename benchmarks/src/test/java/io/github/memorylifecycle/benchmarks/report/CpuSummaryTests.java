package io.github.memorylifecycle.benchmarks.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CpuSummaryTests {

	private static final String SUMMARY = """
			hello    CPU per request of A (median)      50.7 us
			hello    starter/plain   A/B                median 1.0331  IQR 1.0060-1.0475  min 0.9295  max 1.1711  (20 rounds)
			hello    A/A noise       A2/A               median 1.0031  IQR 0.9950-1.0059  min 0.7696  max 1.2005  (20 rounds)
			hello    calibration     C/A (expected 1.0268) median 1.0270  IQR 1.0218-1.0366  min 0.6592  max 1.3160  (20 rounds)
			session  CPU per request of A (median)      150.2 us
			session  starter/plain   A/B                median 1.0051  IQR 0.9960-1.0075  min 0.9295  max 1.1711  (20 rounds)
			session  A/A noise       A2/A               median 1.0231  IQR 1.0006-1.0559  min 0.7696  max 1.2005  (20 rounds)
			session  calibration     C/A (expected 1.0100) median 1.0120  IQR 1.0018-1.0166  min 0.6592  max 1.3160  (20 rounds)
			""";

	@Test
	void eachSectionIsReadWithItsThreeRatiosAndTheCalibrationsExpectedValue() {
		List<CpuSummary.Section> sections = CpuSummary.parse(SUMMARY);
		assertThat(sections).extracting(CpuSummary.Section::section).containsExactly("hello", "session");
		CpuSummary.Section hello = sections.get(0);
		assertThat(hello.starter()).containsExactly(1.0331, 1.0060, 1.0475);
		assertThat(hello.aa()).containsExactly(1.0031, 0.9950, 1.0059);
		assertThat(hello.calibration()).containsExactly(1.0270, 1.0218, 1.0366);
		assertThat(hello.expected()).isEqualTo(1.0268);
	}

	@Test
	void aSectionWhoseCalibrationShowsAndWhoseAaStaysWithinOnePercentIsResolved() {
		CpuSummary.Section hello = CpuSummary.parse(SUMMARY).get(0);
		assertThat(hello.resolved()).isTrue();
		assertThat(hello.verdict()).isEqualTo("**missed**"); // 1.033 > 1.01
	}

	@Test
	void aSectionWhoseAaSpreadsMoreThanOnePercentIsNotResolved() {
		CpuSummary.Section session = CpuSummary.parse(SUMMARY).get(1);
		assertThat(session.resolved()).isFalse();
		assertThat(session.verdict()).startsWith("**not resolved**");
	}

}
