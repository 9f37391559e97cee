package io.github.memorylifecycle.cache;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the bound that every Caffeine cache receives when it has none of its own: the caches of the
 * auto-configured {@code CaffeineCacheManager} and those built by {@link BoundedCaches}.
 */
@ConfigurationProperties("memory.lifecycle.cache")
public class BoundedCacheProperties {

	/**
	 * Maximum number of entries of each cache that sets neither maximumSize nor maximumWeight of its own.
	 */
	private long maximumSize = 10_000;

	/**
	 * Maximum estimated memory of each cache that sets no bound of its own, with a unit (for example 64MB), to
	 * bound caches by weight instead of maximum-size. Entries are weighed by an estimate of their bytes.
	 */
	private DataSize maximumWeight;

	/**
	 * How long an entry stays after its last read or write, for caches that set no expiry of their own. Entries
	 * stay until evicted by size when unset.
	 */
	private Duration expireAfterAccess;

	/**
	 * Whether a Caffeine cache specification that sets neither maximumSize nor maximumWeight fails startup, instead
	 * of receiving the default bound with a warning.
	 */
	private boolean rejectUnbounded;

	public long getMaximumSize() {
		return this.maximumSize;
	}

	public void setMaximumSize(long maximumSize) {
		this.maximumSize = maximumSize;
	}

	public DataSize getMaximumWeight() {
		return this.maximumWeight;
	}

	public void setMaximumWeight(DataSize maximumWeight) {
		this.maximumWeight = maximumWeight;
	}

	public Duration getExpireAfterAccess() {
		return this.expireAfterAccess;
	}

	public void setExpireAfterAccess(Duration expireAfterAccess) {
		this.expireAfterAccess = expireAfterAccess;
	}

	public boolean isRejectUnbounded() {
		return this.rejectUnbounded;
	}

	public void setRejectUnbounded(boolean rejectUnbounded) {
		this.rejectUnbounded = rejectUnbounded;
	}

}
