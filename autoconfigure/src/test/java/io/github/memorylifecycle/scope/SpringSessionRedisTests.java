package io.github.memorylifecycle.scope;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The session scope with sessions kept in Redis by Spring Session, two application instances in one JVM on one real
 * {@code redis-server}, with Boot's default repository (no events: the sweep learns of ends elsewhere) and the
 * indexed one (its keyspace events do). A session is used on both instances; when it ends anywhere, each instance
 * runs its own cleanups.
 */
class SpringSessionRedisTests {

	static final int SESSIONS = 10_000;

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class DefaultRepository extends Fleet {

		DefaultRepository() {
			super("default");
		}

		@Test
		void redisStoppedDuringASweepAndStartedAgainLosesNothing() throws Exception {
			List<String> cookies = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				String cookie = this.a.register("outage", null);
				this.b.register("outage", cookie);
				cookies.add(cookie);
			}
			SessionSweep sweepA = this.a.context().getBean(SessionSweep.class);
			SessionSweep sweepB = this.b.context().getBean(SessionSweep.class);
			long failuresBefore = sweepA.sweep().failures();
			this.redis.stop();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> sweepA.sweep().failures() > failuresBefore && sweepB.sweep().failures() > 0);
			assertThat(sweepA.sweep().lastFailure()).isNotNull();
			assertThat(SessionStoreApplication.ran("a", "outage") + SessionStoreApplication.ran("b", "outage")).isZero();
			this.redis.startAgain();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> sweepA.sweep().lastFailure() == null && sweepB.sweep().lastFailure() == null);
			long runsAfterRestart = sweepA.runs();
			await().atMost(Duration.ofSeconds(30)).until(() -> sweepA.runs() > runsAfterRestart + 1);
			assertThat(SessionStoreApplication.ran("a", "outage") + SessionStoreApplication.ran("b", "outage")).isZero();
			for (String cookie : cookies) {
				this.a.call("/invalidate", cookie);
			}
			assertThat(SessionStoreApplication.ran("a", "outage")).isEqualTo(3);
			await().atMost(Duration.ofSeconds(30)).until(() -> SessionStoreApplication.ran("b", "outage") == 3);
		}

	}

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class IndexedRepository extends Fleet {

		IndexedRepository() {
			super("indexed");
		}

		@Test
		void endsAreLearnedFromTheStoresEventsWithoutSweeping() {
			assertThat(this.a.context().getBean(SessionSweep.class).ends()).containsExactly("events");
			assertThat(this.a.context().getBean(SessionSweep.class).sweep()).isNull();
		}

	}

	abstract static class Fleet {

		final String repositoryType;

		RedisServerProcess redis;

		SessionStoreApplication.Instance a;

		SessionStoreApplication.Instance b;

		Fleet(String repositoryType) {
			this.repositoryType = repositoryType;
		}

		@BeforeAll
		void start() throws Exception {
			Assumptions.assumeTrue(RedisServerProcess.available(), "redis-server is not installed (.ci/run installs it)");
			SessionStoreApplication.ran.clear();
			this.redis = RedisServerProcess.start();
			this.a = instance("a");
			this.b = instance("b");
		}

		private SessionStoreApplication.Instance instance(String name) {
			return SessionStoreApplication.start(name, SessionStoreApplication.JDBC_OFF,
					"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + this.redis.port(),
					"spring.data.redis.timeout=500ms",
					"spring.session.data.redis.repository-type=" + this.repositoryType,
					"spring.session.data.redis.namespace=" + this.repositoryType);
		}

		@AfterAll
		void stop() throws Exception {
			if (this.a != null) {
				this.a.close();
			}
			if (this.b != null) {
				this.b.close();
			}
			if (this.redis != null) {
				this.redis.close();
			}
		}

		@Test
		void aSessionUsedOnBothInstancesAndInvalidatedOnOneRunsTheCleanupsOfBoth() throws Exception {
			String cookie = this.a.register("invalidated", null);
			this.b.register("invalidated", cookie);
			this.a.register("invalidated", cookie);
			this.a.call("/invalidate", cookie);
			assertThat(SessionStoreApplication.ran("a", "invalidated")).isEqualTo(2);
			await().atMost(Duration.ofSeconds(20)).until(() -> SessionStoreApplication.ran("b", "invalidated") == 1);
			assertThat(SessionStoreApplication.ran("a", "invalidated")).isEqualTo(2);
		}

		@Test
		void aSessionExpiredInRedisRunsTheCleanupsOfBoth() throws Exception {
			String cookie = this.a.register("expired", null);
			this.b.register("expired", cookie);
			this.b.call("/expire-in?seconds=1", cookie);
			long expiresAt = System.nanoTime() + 1_000_000_000L;
			await().atMost(Duration.ofSeconds(30))
				.until(() -> SessionStoreApplication.ran("a", "expired") == 1
						&& SessionStoreApplication.ran("b", "expired") == 1);
			System.out.printf("%s repository: cleanups of an expired session ran on both instances %d ms after it "
					+ "expired%n", this.repositoryType, (System.nanoTime() - expiresAt) / 1_000_000);
		}

		@Test
		void tenThousandSessionsCreatedAndExpiredLeaveBothRegistriesEmpty() throws Exception {
			long start = System.nanoTime();
			ExecutorService clients = Executors.newFixedThreadPool(4);
			try {
				List<Future<?>> done = new ArrayList<>();
				for (int client = 0; client < 4; client++) {
					done.add(clients.submit(() -> {
						for (int i = 0; i < SESSIONS / 4; i++) {
							String cookie = this.a.call("/register?tag=many&maxInactive=2", null);
							this.b.call("/register?tag=many&maxInactive=2", cookie);
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
			long created = System.nanoTime();
			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> SessionStoreApplication.ran("a", "many") == SESSIONS
						&& SessionStoreApplication.ran("b", "many") == SESSIONS);
			long ended = System.nanoTime();
			for (SessionStoreApplication.Instance instance : List.of(this.a, this.b)) {
				assertThat(instance.registry().sessionIds()).isEmpty();
				assertThat(instance.statistics().pendingCleanups()).isZero();
			}
			System.out.printf("%s repository: %d sessions used on two instances in %d ms; all cleanups ran %d ms "
					+ "after the last was created (maxInactive 2 s)%n", this.repositoryType, SESSIONS,
					(created - start) / 1_000_000, (ended - created) / 1_000_000);
		}

	}

}
