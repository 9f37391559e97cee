package io.github.memorylifecycle.leak;


import java.time.Duration;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of leak detection: the retained-object watcher and the heap-growth trend.
 */
@ConfigurationProperties("memory.lifecycle.leak")
public class LeakProperties implements InitializingBean {

	/**
	 * Whether to watch objects whose scope ended and report those still reachable after old-generation collections.
	 */
	private boolean enabled = true;

	/**
	 * Time an object may stay reachable after its scope ended before it becomes a suspect. An old-generation
	 * collection that started after the end of the scope must also have completed.
	 */
	private Duration delay = Duration.ofMinutes(1);

	/**
	 * Share of objects to watch, from 0.0 (none) to 1.0 (every object, for tests). Unsampled objects cost one random
	 * draw.
	 */
	private double sampleRate = 0.05;

	/**
	 * Whether to record where each sampled object was handed to the watcher (a few stack frames, framework frames
	 * skipped), to tell suspects of the same class apart.
	 */
	private boolean captureSites = true;

	/**
	 * Most objects waiting at once to be collected; objects beyond are not watched and are counted as dropped.
	 */
	private int maxWatched = 10_000;

	/**
	 * Most suspect groups (fingerprints) kept; resolved groups make room first, later fingerprints are only counted.
	 */
	private int maxSuspects = 100;

	private final HeapGrowth heapGrowth = new HeapGrowth();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getDelay() {
		return this.delay;
	}

	public void setDelay(Duration delay) {
		this.delay = delay;
	}

	public double getSampleRate() {
		return this.sampleRate;
	}

	public void setSampleRate(double sampleRate) {
		this.sampleRate = sampleRate;
	}

	public boolean isCaptureSites() {
		return this.captureSites;
	}

	public void setCaptureSites(boolean captureSites) {
		this.captureSites = captureSites;
	}

	public int getMaxWatched() {
		return this.maxWatched;
	}

	public void setMaxWatched(int maxWatched) {
		this.maxWatched = maxWatched;
	}

	public int getMaxSuspects() {
		return this.maxSuspects;
	}

	public void setMaxSuspects(int maxSuspects) {
		this.maxSuspects = maxSuspects;
	}

	public HeapGrowth getHeapGrowth() {
		return this.heapGrowth;
	}

	/**
	 * Checks the values, naming the first wrong property.
	 * @throws InvalidConfigurationPropertyValueException if a value is out of range
	 */
	void validate() {
		check(this.delay != null && !this.delay.isNegative(), "delay", this.delay, "a duration of zero or more");
		check(this.sampleRate >= 0.0 && this.sampleRate <= 1.0, "sample-rate", this.sampleRate,
				"a number from 0.0 to 1.0");
		check(this.maxWatched > 0, "max-watched", this.maxWatched, "a positive number");
		check(this.maxSuspects > 0, "max-suspects", this.maxSuspects, "a positive number");
		this.heapGrowth.validate();
	}

	private static void check(boolean valid, String property, Object value, String expected) {
		if (!valid) {
			String name = "memory.lifecycle.leak." + property;
			throw new InvalidConfigurationPropertyValueException(name, value,
					"It must be " + expected + ". Set '" + name + "' to "
					+ expected + ", or remove it to use the default; 'memory.lifecycle.leak.enabled=false' switches "
					+ "leak detection off.");
		}
	}

	/**
	 * The heap-growth trend: the floor of the long-lived heap after old-generation collections, and how fast it rises.
	 */
	public static class HeapGrowth {

		/**
		 * Whether to follow the long-lived heap after old-generation collections and warn when it keeps rising.
		 */
		private boolean enabled = true;

		/**
		 * How far back the trend looks; it is divided into 60 buckets that each keep their lowest reading.
		 */
		private Duration window = Duration.ofHours(2);

		/**
		 * Fewest buckets of the window holding an old-generation collection before the trend may warn.
		 */
		private int minCollections = 8;

		/**
		 * Shortest time between the first and the last reading of the window before the trend may warn.
		 */
		private Duration minDuration = Duration.ofMinutes(30);

		/**
		 * Time after startup whose readings are ignored, while caches, pools and class metadata fill up.
		 */
		private Duration warmUp = Duration.ofMinutes(10);

		/**
		 * Rise of the floor, in percent of the long-lived heap's maximum per hour, above which the heap is said to
		 * grow.
		 */
		private double percentOfMaxPerHour = 5.0;

		/**
		 * Rise of the floor per minute above which the heap is said to grow; when set, used instead of
		 * percent-of-max-per-hour.
		 */
		private DataSize bytesPerMinute;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		public int getMinCollections() {
			return this.minCollections;
		}

		public void setMinCollections(int minCollections) {
			this.minCollections = minCollections;
		}

		public Duration getMinDuration() {
			return this.minDuration;
		}

		public void setMinDuration(Duration minDuration) {
			this.minDuration = minDuration;
		}

		public Duration getWarmUp() {
			return this.warmUp;
		}

		public void setWarmUp(Duration warmUp) {
			this.warmUp = warmUp;
		}

		public double getPercentOfMaxPerHour() {
			return this.percentOfMaxPerHour;
		}

		public void setPercentOfMaxPerHour(double percentOfMaxPerHour) {
			this.percentOfMaxPerHour = percentOfMaxPerHour;
		}

		public DataSize getBytesPerMinute() {
			return this.bytesPerMinute;
		}

		public void setBytesPerMinute(DataSize bytesPerMinute) {
			this.bytesPerMinute = bytesPerMinute;
		}

		void validate() {
			check(this.window != null && this.window.toMillis() >= HeapGrowthTrend.BUCKETS, "heap-growth.window",
					this.window, "a duration of at least 60 milliseconds");
			check(this.minCollections >= 3 && this.minCollections <= HeapGrowthTrend.BUCKETS,
					"heap-growth.min-collections", this.minCollections, "a number from 3 to 60");
			check(this.minDuration != null && !this.minDuration.isNegative()
					&& this.minDuration.compareTo(this.window) <= 0, "heap-growth.min-duration", this.minDuration,
					"a duration of zero or more, no longer than heap-growth.window (" + this.window + ")");
			check(this.warmUp != null && !this.warmUp.isNegative(), "heap-growth.warm-up", this.warmUp,
					"a duration of zero or more");
			check(this.percentOfMaxPerHour > 0, "heap-growth.percent-of-max-per-hour", this.percentOfMaxPerHour,
					"a positive number");
			check(this.bytesPerMinute == null || this.bytesPerMinute.toBytes() > 0, "heap-growth.bytes-per-minute",
					this.bytesPerMinute, "a positive size, such as 1MB");
		}

	}

	/**
	 * Checks the bound values, naming the first wrong property.
	 * @throws InvalidConfigurationPropertyValueException if a value is out of range
	 */
	@Override
	public void afterPropertiesSet() {
		validate();
	}

}
