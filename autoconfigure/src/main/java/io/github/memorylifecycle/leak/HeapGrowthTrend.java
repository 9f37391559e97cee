package io.github.memorylifecycle.leak;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The trend of the long-lived heap's floor, fed with (time, bytes) readings taken after old-generation collections.
 * Pure: no clock, no GC, no Spring, so that it is tested with made-up readings.
 * <p>
 * The window is cut into {@value #BUCKETS} buckets of equal time; each keeps its lowest reading, so that a burst of
 * collections weighs as much as a single one and the floor, not the noise above it, is followed. The slope is the
 * Theil–Sen estimate (the median of the slopes between every two readings), which a minority of outliers cannot
 * move. The trend raises an alarm when the window holds enough readings over enough time and both the slope of
 * the whole window and the slope of its recent third exceed the threshold: a floor that rose and then levelled off
 * (warm-up, a cache filling up to its bound) has a flat recent third and raises nothing. A cache that keeps filling
 * faster than the threshold for most of the minimum duration looks like a leak until it levels off. The alarm
 * clears, and the trend re-arms, once the recent slope falls below half the threshold.
 */
final class HeapGrowthTrend {

	/**
	 * How many buckets the window is cut into, and so the most readings kept.
	 */
	static final int BUCKETS = 60;

	/**
	 * Fewest readings of the recent part of the window.
	 */
	static final int RECENT_MIN = 4;

	private static final double MILLIS_PER_MINUTE = 60_000.0;

	private final long windowMillis;

	private final long bucketMillis;

	private final int minCollections;

	private final long minDurationMillis;

	private final double thresholdPerMinute;

	private final ArrayDeque<Reading> readings = new ArrayDeque<>(BUCKETS + 1);

	private double slope = Double.NaN;

	private double recentSlope = Double.NaN;

	private boolean alarm;

	/**
	 * Creates a trend.
	 * @param windowMillis how far back the trend looks
	 * @param minCollections fewest readings (buckets) before an alarm, at least 3
	 * @param minDurationMillis shortest span from first to last reading before an alarm
	 * @param thresholdPerMinute the rise of the floor, in bytes per minute, above which the heap is said to grow
	 */
	HeapGrowthTrend(long windowMillis, int minCollections, long minDurationMillis, double thresholdPerMinute) {
		this.windowMillis = windowMillis;
		this.bucketMillis = Math.max(1, windowMillis / BUCKETS);
		this.minCollections = minCollections;
		this.minDurationMillis = minDurationMillis;
		this.thresholdPerMinute = thresholdPerMinute;
	}

	/**
	 * Adds a reading and evaluates the trend.
	 * @param timeMillis when the reading was taken, never earlier than the previous one
	 * @param bytes the long-lived heap's usage after an old-generation collection
	 * @return whether the alarm was raised or cleared by this reading
	 */
	Change add(long timeMillis, long bytes) {
		long bucket = Math.floorDiv(timeMillis, this.bucketMillis);
		Reading last = this.readings.peekLast();
		if (last != null && last.bucket == bucket) {
			if (bytes <= last.bytes) {
				last.bytes = bytes;
				last.time = timeMillis;
			}
		}
		else {
			this.readings.addLast(new Reading(bucket, timeMillis, bytes));
		}
		while (this.readings.peekFirst().time < timeMillis - this.windowMillis) {
			this.readings.removeFirst();
		}
		return evaluate();
	}

	private Change evaluate() {
		int count = this.readings.size();
		long[] times = new long[count];
		long[] bytes = new long[count];
		Iterator<Reading> iterator = this.readings.iterator();
		for (int i = 0; i < count; i++) {
			Reading reading = iterator.next();
			times[i] = reading.time;
			bytes[i] = reading.bytes;
		}
		this.slope = theilSen(times, bytes, 0);
		this.recentSlope = theilSen(times, bytes, Math.max(0, count - Math.max(RECENT_MIN, (count + 2) / 3)));
		boolean enough = count >= this.minCollections && times[count - 1] - times[0] >= this.minDurationMillis;
		if (!this.alarm && enough && this.slope > this.thresholdPerMinute
				&& this.recentSlope > this.thresholdPerMinute) {
			this.alarm = true;
			return Change.RAISED;
		}
		if (this.alarm && !(this.recentSlope > this.thresholdPerMinute / 2)) {
			this.alarm = false;
			return Change.CLEARED;
		}
		return Change.NONE;
	}

	/**
	 * Returns the Theil–Sen slope of the readings from an index to the end.
	 * @return the median slope in bytes per minute, or NaN with fewer than two distinct times
	 */
	static double theilSen(long[] times, long[] bytes, int from) {
		int count = times.length - from;
		double[] slopes = new double[Math.max(0, count * (count - 1) / 2)];
		int pairs = 0;
		for (int i = from; i < times.length; i++) {
			for (int j = i + 1; j < times.length; j++) {
				long elapsed = times[j] - times[i];
				if (elapsed > 0) {
					slopes[pairs++] = (bytes[j] - bytes[i]) * MILLIS_PER_MINUTE / elapsed;
				}
			}
		}
		if (pairs == 0) {
			return Double.NaN;
		}
		Arrays.sort(slopes, 0, pairs);
		return ((pairs & 1) == 1) ? slopes[pairs / 2] : (slopes[pairs / 2 - 1] + slopes[pairs / 2]) / 2;
	}

	double slope() {
		return this.slope;
	}

	double recentSlope() {
		return this.recentSlope;
	}

	double threshold() {
		return this.thresholdPerMinute;
	}

	boolean alarm() {
		return this.alarm;
	}

	int collections() {
		return this.readings.size();
	}

	long firstTime() {
		return this.readings.isEmpty() ? -1 : this.readings.peekFirst().time;
	}

	long spanMillis() {
		return this.readings.isEmpty() ? 0 : this.readings.peekLast().time - this.readings.peekFirst().time;
	}

	long lastBytes() {
		return this.readings.isEmpty() ? -1 : this.readings.peekLast().bytes;
	}

	/**
	 * What a reading did to the alarm.
	 */
	enum Change {

		/**
		 * The alarm stays as it was.
		 */
		NONE,

		/**
		 * The floor rises too fast: warn.
		 */
		RAISED,

		/**
		 * The floor stopped rising: the trend re-arms.
		 */
		CLEARED

	}

	private static final class Reading {

		final long bucket;

		long time;

		long bytes;

		Reading(long bucket, long time, long bytes) {
			this.bucket = bucket;
			this.time = time;
			this.bytes = bytes;
		}

	}

}
