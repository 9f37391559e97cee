package io.github.memorylifecycle.work;

import java.util.concurrent.atomic.AtomicLong;

import io.github.memorylifecycle.warning.DoublingThreshold;

/**
 * Where tracked work comes from: one per task description (a {@code @Scheduled} method, a lambda's class) or, when
 * call-site capture is on, per call site. Shared by every record from that place, it holds the description once and
 * counts the live records so that a place that keeps adding work without ever ending it is warned about.
 */
public final class TrackingSite {

	final WorkTracker<?> tracker;

	final String description;

	final String location;

	final String cleanupDescription;

	private final AtomicLong live = new AtomicLong();

	private final DoublingThreshold threshold;

	TrackingSite(WorkTracker<?> tracker, String description, String location, long threshold) {
		this.tracker = tracker;
		this.description = description;
		this.location = location;
		this.cleanupDescription = tracker.vocabulary().noun() + " " + description;
		this.threshold = new DoublingThreshold(threshold);
	}

	void added() {
		long count = this.live.incrementAndGet();
		if (this.threshold.shouldWarn(count)) {
			this.tracker.warnGrowth(this, count);
		}
	}

	void removed() {
		this.live.decrementAndGet();
	}

	/**
	 * Returns the site for messages: the call site when captured, otherwise the description.
	 * @return a readable name of the site
	 */
	public String name() {
		return (this.location != null) ? this.location + " (" + this.description + ")" : this.description;
	}

}
