package io.github.memorylifecycle.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sweep is bounded per run and goes on where the last run stopped: 10 000 sessions held, 4 000 asked about per
 * run, every session deleted from the store behind the application's back — the first run ends 4 000, the second
 * 4 000, the third the last 2 000. Prints what a sweep of 10 000 live sessions costs against each store (a figure
 * for the docs, not an assertion).
 */
class SessionSweepCostTests {

	static final int SESSIONS = 10_000;

	@Test
	void jdbc() throws Exception {
		try (SessionStoreApplication.Instance app = SessionStoreApplication.start("cost-jdbc",
				SessionStoreApplication.REDIS_OFF, "memory.lifecycle.session.sweep.interval=1h",
				"memory.lifecycle.session.sweep.max-sessions=" + SESSIONS)) {
			createSessions(app);
			printCost("JDBC (H2, in memory)", app);
			new JdbcTemplate(app.context().getBean(javax.sql.DataSource.class)).update("DELETE FROM SPRING_SESSION");
			sweepInBoundedRuns(app);
		}
	}

	@Test
	void redis() throws Exception {
		Assumptions.assumeTrue(RedisServerProcess.available(), "redis-server is not installed (.ci/run installs it)");
		try (RedisServerProcess redis = RedisServerProcess.start();
				SessionStoreApplication.Instance app = SessionStoreApplication.start("cost-redis",
						SessionStoreApplication.JDBC_OFF, "spring.data.redis.host=127.0.0.1",
						"spring.data.redis.port=" + redis.port(), "memory.lifecycle.session.sweep.interval=1h",
						"memory.lifecycle.session.sweep.max-sessions=" + SESSIONS)) {
			createSessions(app);
			printCost("Redis (default repository, loopback)", app);
			assertThat(redis.command("FLUSHALL")).isEqualTo("+OK");
			sweepInBoundedRuns(app);
		}
	}

	private static void createSessions(SessionStoreApplication.Instance app) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int client = 0; client < 4; client++) {
				done.add(clients.submit(() -> {
					for (int i = 0; i < SESSIONS / 4; i++) {
						app.call("/register?tag=cost", null);
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			clients.shutdownNow();
		}
		assertThat(app.registry().sessionIds()).hasSize(SESSIONS);
	}

	private static void printCost(String store, SessionStoreApplication.Instance app) {
		SessionSweep sweep = app.context().getBean(SessionSweep.class);
		long best = Long.MAX_VALUE;
		for (int run = 0; run < 3; run++) {
			long start = System.nanoTime();
			assertThat(sweep.sweepOnce()).isEqualTo(SESSIONS);
			best = Math.min(best, System.nanoTime() - start);
		}
		assertThat(app.registry().sessionIds()).hasSize(SESSIONS); // all still exist: none ended
		System.out.printf("Sweep of %d live sessions, %s: %d ms (best of 3)%n", SESSIONS, store, best / 1_000_000);
	}

	private static void sweepInBoundedRuns(SessionStoreApplication.Instance app) {
		SessionSweep sweep = new SessionSweep(new SpringSessionSweptSessions(app.registry(),
				app.context().getBean(org.springframework.session.SessionRepository.class)), bounded(4_000),
				java.time.Clock.systemUTC());
		assertThat(sweep.sweepOnce()).isEqualTo(4_000);
		assertThat(app.registry().sessionIds()).hasSize(6_000);
		assertThat(sweep.sweepOnce()).isEqualTo(4_000);
		assertThat(app.registry().sessionIds()).hasSize(2_000);
		assertThat(sweep.sweepOnce()).isEqualTo(2_000);
		assertThat(app.registry().sessionIds()).isEmpty();
		assertThat(SessionStoreApplication.ran(app.name(), "cost")).isEqualTo(SESSIONS);
		assertThat(sweep.sweep().sessionsEnded()).isEqualTo(SESSIONS);
	}

	private static SessionStoreProperties.Sweep bounded(int maxSessions) {
		SessionStoreProperties.Sweep properties = new SessionStoreProperties.Sweep();
		properties.setMaxSessions(maxSessions);
		return properties;
	}

}
