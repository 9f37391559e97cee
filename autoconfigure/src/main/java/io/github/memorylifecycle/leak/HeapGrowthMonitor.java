package io.github.memorylifecycle.leak;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.WarningKind;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Feeds the {@link HeapGrowthTrend} with the floor read after each old-generation collection, once warm-up is over,
 * and warns when the trend raises its alarm, naming the {@link GrowthSource}s that grew over the same window.
 * <p>
 * To name them, it keeps the sources' counts at the first reading of each bucket of the window: at most 61
 * snapshots of a few longs.
 */
final class HeapGrowthMonitor implements CollectionListener {

	private static final Log logger = LogFactory.getLog(HeapGrowthMonitor.class);

	private final HeapGrowthTrend trend;

	private final long windowMillis;

	private final long bucketMillis;

	private final long warmUpEndsAt;

	private final long maxBytes;

	private final List<GrowthSource> sources;

	private final LifecycleWarnings warnings;

	private final Clock clock;

	private final ArrayDeque<Snapshot> snapshots = new ArrayDeque<>(HeapGrowthTrend.BUCKETS + 1);

	private long readings;

	private String warning;

	HeapGrowthMonitor(LeakProperties.HeapGrowth properties, long maxBytes, List<GrowthSource> sources,
			LifecycleWarnings warnings, Clock clock) {
		this.windowMillis = properties.getWindow().toMillis();
		this.bucketMillis = Math.max(1, this.windowMillis / HeapGrowthTrend.BUCKETS);
		this.maxBytes = maxBytes;
		this.trend = new HeapGrowthTrend(this.windowMillis, properties.getMinCollections(),
				properties.getMinDuration().toMillis(), threshold(properties, maxBytes));
		this.sources = List.copyOf(sources);
		this.warnings = warnings;
		this.clock = clock;
		this.warmUpEndsAt = clock.millis() + properties.getWarmUp().toMillis();
	}

	/**
	 * Returns the rise of the floor above which the heap is said to grow.
	 * @param properties the settings
	 * @param maxBytes the maximum size of the long-lived heap
	 * @return the threshold in bytes per minute
	 */
	static double threshold(LeakProperties.HeapGrowth properties, long maxBytes) {
		if (properties.getBytesPerMinute() != null) {
			return properties.getBytesPerMinute().toBytes();
		}
		return properties.getPercentOfMaxPerHour() / 100.0 * maxBytes / 60.0;
	}

	@Override
	public void collected(GcOutcome outcome) {
		if (outcome.floorBytes() >= 0) {
			record(this.clock.millis(), outcome.floorBytes());
		}
	}

	/**
	 * Records a reading of the floor.
	 * @param now the time of the reading in epoch milliseconds
	 * @param bytes the long-lived heap's usage after an old-generation collection
	 */
	void record(long now, long bytes) {
		String message = null;
		synchronized (this) {
			this.readings++;
			if (now < this.warmUpEndsAt) {
				return;
			}
			snapshot(now);
			HeapGrowthTrend.Change change = this.trend.add(now, bytes);
			if (change == HeapGrowthTrend.Change.RAISED) {
				message = HeapGrowthMessages.growing(this.trend, this.maxBytes, growing());
				this.warning = message;
			}
			else if (change == HeapGrowthTrend.Change.CLEARED) {
				this.warning = null;
				logger.info("The long-lived heap floor stopped rising (" + HeapGrowthMessages.rate(this.trend.recentSlope())
						+ " over the recent readings); the heap-growth warning is re-armed");
			}
		}
		if (message != null) {
			this.warnings.warn(WarningKind.HEAP_GROWTH, message);
		}
	}

	List<String> sourceNames() {
		return this.sources.stream().map(GrowthSource::name).toList();
	}

	synchronized boolean alarm() {
		return this.trend.alarm();
	}

	synchronized double slope() {
		return this.trend.slope();
	}

	synchronized HeapGrowthDescriptor describe() {
		double slope = this.trend.slope();
		double recent = this.trend.recentSlope();
		return new HeapGrowthDescriptor(this.trend.alarm(), this.warning, this.clock.millis() < this.warmUpEndsAt,
				this.readings, this.trend.collections(), this.trend.spanMillis() / 1000,
				Double.isNaN(slope) ? null : Math.round(slope), Double.isNaN(recent) ? null : Math.round(recent),
				Math.round(this.trend.threshold()), (this.trend.lastBytes() >= 0) ? this.trend.lastBytes() : null,
				this.maxBytes, growing());
	}

	/**
	 * Returns the sources whose count grew since the oldest snapshot of the window, the most grown first.
	 */
	private List<Growth> growing() {
		Snapshot first = this.snapshots.peekFirst();
		if (first == null) {
			return List.of();
		}
		long[] now = counts();
		List<Growth> growing = new ArrayList<>();
		for (int i = 0; i < now.length; i++) {
			if (first.counts[i] >= 0 && now[i] > first.counts[i]) {
				growing.add(new Growth(this.sources.get(i).name(), first.counts[i], now[i]));
			}
		}
		growing.sort(Comparator.comparingLong((Growth growth) -> growth.to() - growth.from()).reversed());
		return growing;
	}

	private void snapshot(long now) {
		Snapshot last = this.snapshots.peekLast();
		if (last == null || last.time / this.bucketMillis != now / this.bucketMillis) {
			this.snapshots.addLast(new Snapshot(now, counts()));
		}
		while (this.snapshots.peekFirst().time < now - this.windowMillis) {
			this.snapshots.removeFirst();
		}
	}

	private long[] counts() {
		long[] counts = new long[this.sources.size()];
		for (int i = 0; i < counts.length; i++) {
			try {
				counts[i] = this.sources.get(i).current();
			}
			catch (RuntimeException ex) {
				counts[i] = -1;
			}
		}
		return counts;
	}

	private record Snapshot(long time, long[] counts) {
	}

	/**
	 * A tracked count that grew over the window of the trend.
	 *
	 * @param name the name of the source
	 * @param from the count at the start of the window
	 * @param to the count now
	 */
	record Growth(String name, long from, long to) {
	}

	/**
	 * The {@code heapGrowth} section of the endpoint's {@code leaks} part.
	 *
	 * @param alarm whether the floor rises faster than the threshold now
	 * @param warning the warning raised with the alarm, or {@code null}
	 * @param warmingUp whether readings are still ignored after startup
	 * @param readings the readings of the floor since startup, warm-up included
	 * @param collections the readings (one per bucket) in the window
	 * @param windowSeconds the time between the first and the last reading of the window
	 * @param slopeBytesPerMinute the Theil–Sen slope of the window, or {@code null} with too few readings
	 * @param recentSlopeBytesPerMinute the slope of the window's recent third, or {@code null}
	 * @param thresholdBytesPerMinute the slope above which the heap is said to grow
	 * @param floorBytes the last reading, or {@code null}
	 * @param maxBytes the maximum size of the long-lived heap
	 * @param growing the tracked counts that grew over the window
	 */
	record HeapGrowthDescriptor(boolean alarm, String warning, boolean warmingUp, long readings, int collections,
			long windowSeconds, Long slopeBytesPerMinute, Long recentSlopeBytesPerMinute, long thresholdBytesPerMinute,
			Long floorBytes, long maxBytes, List<Growth> growing) {
	}

}
