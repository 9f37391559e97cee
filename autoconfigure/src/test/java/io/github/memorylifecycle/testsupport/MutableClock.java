package io.github.memorylifecycle.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock that tests move forward by hand, safe to read and advance from several threads.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> now;

	/**
	 * A clock that starts at 2030-01-01T00:00:00Z.
	 */
	public MutableClock() {
		this(Instant.parse("2030-01-01T00:00:00Z"));
	}

	/**
	 * A clock that starts at the given instant.
	 * @param now the instant to start from
	 */
	public MutableClock(Instant now) {
		this.now = new AtomicReference<>(now);
	}

	/**
	 * Moves the clock forward.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.now.updateAndGet((instant) -> instant.plus(duration));
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

}
