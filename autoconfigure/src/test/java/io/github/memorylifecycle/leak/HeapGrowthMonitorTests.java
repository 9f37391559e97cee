package io.github.memorylifecycle.leak;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.memorylifecycle.testsupport.MutableClock;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class HeapGrowthMonitorTests {

	private static final long MINUTE = 60_000;

	private static final long MB = 1024 * 1024;

	private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));

	private final LifecycleWarnings warnings = new LifecycleWarnings(100, this.clock);

	private final AtomicLong pendingCleanups = new AtomicLong();

	private final List<GrowthSource> sources = List.of(
			new CountingGrowthSource("pending request cleanups", this.pendingCleanups::get),
			new CountingGrowthSource("cache entries", () -> 500), new CountingGrowthSource("broken", () -> {
				throw new IllegalStateException("not ready");
			}));

	private final HeapGrowthMonitor monitor = new HeapGrowthMonitor(settings(), 1024 * MB, this.sources,
			this.warnings, this.clock);

	private final long start = this.clock.millis();

	@Test
	void readingsDuringWarmUpAreIgnored() {
		for (int minute = 0; minute < 10; minute++) {
			this.monitor.record(this.start + minute * MINUTE, (500 + 10 * minute) * MB);
		}
		HeapGrowthMonitor.HeapGrowthDescriptor description = this.monitor.describe();
		assertThat(description.readings()).isEqualTo(10);
		assertThat(description.collections()).isZero();
		assertThat(description.warmingUp()).isTrue();
		assertThat(description.slopeBytesPerMinute()).isNull();
	}

	@Test
	void warnsOnceAndNamesTheTrackedCountsThatGrewOverTheSameWindow() {
		rise(10, 45, 2 * MB);
		assertThat(this.warnings.count("heap-growth")).isOne();
		assertThat(this.monitor.alarm()).isTrue();
		String message = this.warnings.recent().get(0).message();
		assertThat(message).startsWith("The long-lived heap floor rises by 2.0 MB/min")
			.contains("Grew over the same window: pending request cleanups 10 -> ")
			.doesNotContain("cache entries", "broken");
		HeapGrowthMonitor.HeapGrowthDescriptor description = this.monitor.describe();
		assertThat(description.warning()).isEqualTo(message);
		assertThat(description.growing()).extracting(HeapGrowthMonitor.Growth::name)
			.containsExactly("pending request cleanups");
		assertThat(description.thresholdBytesPerMinute()).isEqualTo(MB);
	}

	@Test
	void warningSaysSoWhenNothingTrackedGrew() {
		for (int minute = 10; minute <= 45; minute++) {
			this.monitor.record(this.start + minute * MINUTE, (500 + 2 * minute) * MB);
		}
		assertThat(this.warnings.recent()).singleElement()
			.satisfies((warning) -> assertThat(warning.message()).contains("Nothing the starter tracks grew"));
	}

	@Test
	void warningIsRaisedAgainOnlyAfterTheFloorStoppedRising() {
		rise(10, 45, 2 * MB);
		for (int minute = 46; minute <= 80; minute++) {
			this.monitor.record(this.start + minute * MINUTE, 600 * MB);
		}
		assertThat(this.monitor.alarm()).isFalse();
		assertThat(this.monitor.describe().warning()).isNull();
		assertThat(this.warnings.count("heap-growth")).isOne();
		for (int minute = 81; minute <= 140; minute++) {
			this.monitor.record(this.start + minute * MINUTE, (600 + 3 * (minute - 80)) * MB);
		}
		assertThat(this.warnings.count("heap-growth")).isEqualTo(2);
	}

	@Test
	void thresholdIsTheSetRatePerMinuteOrElseAShareOfTheMaximumPerHour() {
		LeakProperties.HeapGrowth properties = new LeakProperties.HeapGrowth();
		assertThat(HeapGrowthMonitor.threshold(properties, 6000 * MB)).isEqualTo(5.0 * MB); // 5 % of 6000 MB / 60
		properties.setBytesPerMinute(DataSize.ofMegabytes(2));
		assertThat(HeapGrowthMonitor.threshold(properties, 6000 * MB)).isEqualTo(2.0 * MB);
	}

	private void rise(int fromMinute, int toMinute, long bytesPerMinute) {
		for (int minute = fromMinute; minute <= toMinute; minute++) {
			this.pendingCleanups.set(minute);
			this.monitor.record(this.start + minute * MINUTE, 500 * MB + minute * bytesPerMinute);
		}
	}

	private static LeakProperties.HeapGrowth settings() {
		LeakProperties.HeapGrowth settings = new LeakProperties.HeapGrowth();
		settings.setWindow(Duration.ofHours(1));
		settings.setMinCollections(8);
		settings.setMinDuration(Duration.ofMinutes(20));
		settings.setWarmUp(Duration.ofMinutes(10));
		settings.setBytesPerMinute(DataSize.ofMegabytes(1));
		return settings;
	}

}
