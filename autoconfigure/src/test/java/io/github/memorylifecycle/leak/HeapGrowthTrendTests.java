package io.github.memorylifecycle.leak;

import io.github.memorylifecycle.leak.HeapGrowthTrend.Change;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HeapGrowthTrendTests {

	private static final long MINUTE = 60_000;

	private static final long MB = 1024 * 1024;

	// window 60 min (1-minute buckets), at least 8 readings over at least 20 minutes, threshold 1 MB/min
	private final HeapGrowthTrend trend = new HeapGrowthTrend(60 * MINUTE, 8, 20 * MINUTE, MB);

	@Test
	void steadyRiseFasterThanTheThresholdRaisesTheAlarmOnce() {
		int raised = 0;
		for (int minute = 0; minute <= 40; minute++) {
			if (this.trend.add(minute * MINUTE, 500 * MB + minute * 2 * MB) == Change.RAISED) {
				raised++;
			}
		}
		assertThat(raised).isEqualTo(1);
		assertThat(this.trend.alarm()).isTrue();
		assertThat(this.trend.slope()).isCloseTo(2.0 * MB, within(1.0));
	}

	@Test
	void alarmWaitsForTheMinimumDurationAndNumberOfCollections() {
		Change last = Change.NONE;
		for (int minute = 0; minute < 20; minute++) { // 20 readings spanning 19 minutes
			last = this.trend.add(minute * MINUTE, 500 * MB + minute * 4 * MB);
			assertThat(last).isEqualTo(Change.NONE);
		}
		assertThat(this.trend.add(20 * MINUTE, 580 * MB)).isEqualTo(Change.RAISED);
	}

	@Test
	void fewCollectionsOverALongTimeRaiseNothing() {
		for (int reading = 0; reading < 7; reading++) { // only 7 readings, 5 minutes apart
			assertThat(this.trend.add(reading * 5 * MINUTE, 500 * MB + reading * 50 * MB)).isEqualTo(Change.NONE);
		}
		assertThat(this.trend.slope()).isCloseTo(10.0 * MB, within(1.0));
	}

	@Test
	void flatFloorWithNoiseRaisesNothing() {
		long[] noise = { 0, 30, -20, 45, -35, 10, -5, 25, -40, 15 };
		for (int minute = 0; minute <= 59; minute++) {
			Change change = this.trend.add(minute * MINUTE, 500 * MB + noise[minute % noise.length] * MB);
			assertThat(change).isEqualTo(Change.NONE);
		}
		assertThat(Math.abs(this.trend.slope())).isLessThan(MB);
	}

	@Test
	void floorThatRisesThenLevelsOffLikeACacheFillingUpRaisesNothing() {
		for (int minute = 0; minute <= 59; minute++) {
			// a cache fills for 15 minutes at 3 MB/min, then stays at its bound
			long bytes = 500 * MB + Math.min(minute, 15) * 3 * MB;
			assertThat(this.trend.add(minute * MINUTE, bytes)).isEqualTo(Change.NONE);
			if (minute == 20) { // minimum duration reached: the window rises, its recent third does not
				assertThat(this.trend.slope()).isGreaterThan(MB);
				assertThat(this.trend.recentSlope()).isCloseTo(0.0, within(1.0));
			}
		}
	}

	@Test
	void aFewOutliersDoNotMoveTheSlope() {
		for (int minute = 0; minute <= 40; minute++) {
			long bytes = 500 * MB + ((minute % 10 == 3) ? 400 * MB : 0); // four huge spikes, no trend
			assertThat(this.trend.add(minute * MINUTE, bytes)).isEqualTo(Change.NONE);
		}
		assertThat(this.trend.slope()).isCloseTo(0.0, within(1.0));
	}

	@Test
	void alarmClearsWhenTheFloorStopsRisingAndRearms() {
		long minute = 0;
		for (; minute <= 30; minute++) {
			this.trend.add(minute * MINUTE, 500 * MB + minute * 2 * MB);
		}
		assertThat(this.trend.alarm()).isTrue();
		Change change = Change.NONE;
		for (; minute <= 80 && change != Change.CLEARED; minute++) {
			change = this.trend.add(minute * MINUTE, 560 * MB);
		}
		assertThat(change).isEqualTo(Change.CLEARED);
		assertThat(this.trend.alarm()).isFalse();
		int raisedAgain = 0;
		for (long end = minute + 60; minute <= end; minute++) {
			if (this.trend.add(minute * MINUTE, 560 * MB + (minute - 80) * 3 * MB) == Change.RAISED) {
				raisedAgain++;
			}
		}
		assertThat(raisedAgain).isEqualTo(1);
	}

	@Test
	void collectionsInTheSameBucketKeepTheLowestReading() {
		this.trend.add(0, 700 * MB);
		this.trend.add(10_000, 600 * MB);
		this.trend.add(20_000, 650 * MB);
		assertThat(this.trend.collections()).isEqualTo(1);
		assertThat(this.trend.lastBytes()).isEqualTo(600 * MB);
	}

	@Test
	void readingsOlderThanTheWindowAreForgotten() {
		for (int minute = 0; minute <= 150; minute += 5) {
			this.trend.add(minute * MINUTE, 500 * MB);
		}
		assertThat(this.trend.collections()).isEqualTo(13); // minutes 90 to 150
		assertThat(this.trend.firstTime()).isEqualTo(90 * MINUTE);
	}

	@Test
	void theilSenSlopeIsTheMedianOfThePairwiseSlopes() {
		long[] times = { 0, MINUTE, 2 * MINUTE, 3 * MINUTE };
		long[] bytes = { 0, 10, 20, 1_000 };
		// pairwise slopes per minute: 10, 10, 1000 / 3, 10, 495, 980; median (10 + 1000 / 3) / 2
		assertThat(HeapGrowthTrend.theilSen(times, bytes, 0)).isCloseTo((10 + 1000.0 / 3) / 2, within(1e-9));
		assertThat(HeapGrowthTrend.theilSen(new long[] { 5 }, new long[] { 1 }, 0)).isNaN();
	}

}
