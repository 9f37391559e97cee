package io.github.memorylifecycle.scope;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Learns that sessions ended elsewhere — invalidated on another instance, or expired in the store — for stores that
 * publish no session events: at a fixed interval, asks the store ({@link SweptSessions}: Spring Session's
 * {@code SessionRepository}, WebFlux's {@code WebSessionStore}) whether each session this instance holds cleanups
 * for still exists, and ends the scope of those that do not.
 * <p>
 * A run asks about at most {@code max-sessions} sessions, the ones waiting longest first; the next run goes on with
 * the rest, so that every session is asked about within {@code ceil(n / max-sessions)} runs. A session that was
 * never seen in the store (its first request may still be writing it) is taken for ended only when three runs in a
 * row miss it. A store that fails stops the run: the failure is logged once (and again after it recovered), counted
 * and timed, nothing is ended, and the next run asks again from where this one stopped.
 * <p>
 * Runs on one daemon thread of its own, started and stopped with the application context.
 */
final class SessionSweep implements SessionEnds, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(SessionSweep.class);

	/** Runs in a row that must miss a session never seen in the store before it is taken for ended. */
	static final int MISSES_OF_UNSTORED_SESSION = 3;

	private final SweptSessions sessions;


	private final boolean storePublishesEvents;

	private final boolean sweeping;

	private final Duration interval;

	private final int maxSessions;

	private final Clock clock;

	private final ArrayDeque<String> waiting = new ArrayDeque<>(); // guarded by this: runs are serial

	private volatile @Nullable ScheduledExecutorService executor;

	private volatile @Nullable Instant lastRun;

	private volatile long lastDurationNanos;

	private volatile int lastChecked;

	private volatile @Nullable String lastFailure;

	private volatile boolean failing;

	private volatile long runs;

	private volatile long runNanos;

	private volatile long failedRuns;

	private volatile long failedRunNanos;

	private volatile long sessionsEnded;

	SessionSweep(SweptSessions sessions, SessionStoreProperties.Sweep properties, Clock clock) {
		this.sessions = sessions;
		this.storePublishesEvents = sessions.storePublishesEvents();
		SessionStoreProperties.SweepMode mode = properties.getMode();
		this.sweeping = mode == SessionStoreProperties.SweepMode.ALWAYS
				|| (mode == SessionStoreProperties.SweepMode.AUTO && !this.storePublishesEvents);
		this.interval = properties.getInterval();
		this.maxSessions = properties.getMaxSessions();
		this.clock = clock;
	}

	@Override
	public List<String> ends() {
		List<String> ends = new ArrayList<>(2);
		if (this.storePublishesEvents) {
			ends.add("events");
		}
		if (this.sweeping) {
			ends.add("sweep");
		}
		return ends;
	}

	@Override
	public void start() {
		if (!this.sweeping) {
			if (!this.storePublishesEvents) {
				logger.warn("Sessions are kept by " + this.sessions.store() + ", which publishes no session events, and "
						+ "memory.lifecycle.session.sweep.mode is never: cleanups of sessions that expire in the store "
						+ "or are invalidated on another instance will run only when this application stops. Set "
						+ "memory.lifecycle.session.sweep.mode=auto to sweep.");
			}
			return;
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "memory-lifecycle-session-sweep");
			thread.setDaemon(true);
			return thread;
		});
		long delay = this.interval.toNanos();
		executor.scheduleWithFixedDelay(this::sweepOnce, delay, delay, TimeUnit.NANOSECONDS);
		this.executor = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.executor;
		if (executor != null) {
			this.executor = null;
			executor.shutdownNow();
			try {
				if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
					logger.warn("The session sweep did not stop within 10 seconds: the session store does not answer");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE; // stops first: before the store's connections close under a run
	}

	/**
	 * Runs one sweep. Never throws: a store that fails is logged, counted and asked again by the next run.
	 * @return how many sessions this run asked the store about
	 */
	synchronized int sweepOnce() {
		long start = System.nanoTime();
		if (this.waiting.isEmpty()) {
			this.waiting.addAll(this.sessions.sessionIds());
		}
		int checked = 0;
		int ended = 0;
		Exception failure = null;
		while (checked < this.maxSessions && !this.waiting.isEmpty() && !Thread.currentThread().isInterrupted()) {
			String id = this.waiting.peekFirst();
			boolean exists;
			try {
				exists = this.sessions.exists(id);
			}
			catch (RuntimeException ex) {
				failure = ex;
				break;
			}
			this.waiting.pollFirst();
			checked++;
			if (exists) {
				this.sessions.found(id);
			}
			else {
				ended += (this.sessions.missing(id, MISSES_OF_UNSTORED_SESSION) > 0) ? 1 : 0;
			}
		}
		long duration = System.nanoTime() - start;
		this.lastRun = this.clock.instant();
		this.lastDurationNanos = duration;
		this.lastChecked = checked;
		this.sessionsEnded += ended;
		if (failure != null) {
			this.failedRuns++;
			this.failedRunNanos += duration;
			this.lastFailure = failure.getClass().getSimpleName();
			if (!this.failing) {
				this.failing = true;
				logger.warn("The session sweep could not ask " + this.sessions.store() + " whether sessions still exist ("
						+ failure + "); nothing was ended, it asks again in " + this.interval
						+ ". Logged once until the store answers again.");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("The session sweep failed again", failure);
			}
		}
		else {
			this.runs++;
			this.runNanos += duration;
			this.lastFailure = null;
			if (this.failing) {
				this.failing = false;
				logger.info("The session sweep reaches " + this.sessions.store() + " again");
			}
		}
		return checked;
	}

	@Override
	public @Nullable Sweep sweep() {
		if (!this.sweeping) {
			return null;
		}
		Instant last = this.lastRun;
		return new Sweep(this.interval.toString(), (last != null) ? last.toString() : null,
				TimeUnit.NANOSECONDS.toMillis(this.lastDurationNanos), this.lastChecked, this.sessionsEnded,
				this.failedRuns, this.lastFailure);
	}

	long runs() {
		return this.runs;
	}

	double runSeconds() {
		return this.runNanos / 1e9;
	}

	long failedRuns() {
		return this.failedRuns;
	}

	double failedRunSeconds() {
		return this.failedRunNanos / 1e9;
	}

}
