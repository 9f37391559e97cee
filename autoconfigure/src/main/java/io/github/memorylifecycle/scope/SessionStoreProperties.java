package io.github.memorylifecycle.scope;

import java.time.Duration;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Configuration of the session scope when Spring Session or WebFlux's session store keeps the sessions: how this
 * instance learns that a session ended elsewhere (on another instance, or by expiring in the store).
 */
@ConfigurationProperties("memory.lifecycle.session")
public class SessionStoreProperties implements InitializingBean {

	private final Sweep sweep = new Sweep();

	public Sweep getSweep() {
		return this.sweep;
	}

	/**
	 * Checks the bound values, naming the first wrong property.
	 * @throws InvalidConfigurationPropertyValueException if a value is out of range
	 */
	@Override
	public void afterPropertiesSet() {
		if (this.sweep.interval.compareTo(Duration.ofMillis(10)) < 0) {
			throw new InvalidConfigurationPropertyValueException("memory.lifecycle.session.sweep.interval",
					this.sweep.interval, "It must be 10ms or more (default 1m): the pause between two sweeps");
		}
		if (this.sweep.maxSessions < 1) {
			throw new InvalidConfigurationPropertyValueException("memory.lifecycle.session.sweep.max-sessions",
					this.sweep.maxSessions, "It must be 1 or more (default 10000): the sessions one sweep asks the "
							+ "store about");
		}
	}

	/**
	 * When to sweep.
	 */
	public enum SweepMode {

		/**
		 * Sweep when the store publishes no session events (JDBC, Redis with the default repository, others);
		 * rely on the events of those that do (indexed Redis, Hazelcast).
		 */
		AUTO,

		/**
		 * Sweep whatever the store: for stores whose events can be lost (Redis Cluster, for one).
		 */
		ALWAYS,

		/**
		 * Never sweep: cleanups of sessions ended elsewhere run only on the store's events, or at shutdown.
		 */
		NEVER

	}

	/**
	 * The sweep: at a fixed interval, asks the session repository whether each session this instance holds cleanups
	 * for still exists, and ends the scope of those that do not.
	 */
	public static class Sweep {

		/**
		 * When to sweep: auto (when the store publishes no session events), always, or never.
		 */
		private SweepMode mode = SweepMode.AUTO;

		/**
		 * Pause between the end of one sweep and the start of the next: the longest delay, after a session ended
		 * elsewhere, before its cleanups run here.
		 */
		private Duration interval = Duration.ofMinutes(1);

		/**
		 * Sessions asked about by one sweep; the next sweep goes on with those left. Bounds the time and the store
		 * load of a sweep.
		 */
		private int maxSessions = 10_000;

		public SweepMode getMode() {
			return this.mode;
		}

		public void setMode(SweepMode mode) {
			this.mode = mode;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public int getMaxSessions() {
			return this.maxSessions;
		}

		public void setMaxSessions(int maxSessions) {
			this.maxSessions = maxSessions;
		}

	}

}
