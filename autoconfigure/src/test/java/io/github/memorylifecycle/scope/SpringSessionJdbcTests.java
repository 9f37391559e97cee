package io.github.memorylifecycle.scope;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The session scope with sessions kept by Spring Session JDBC (H2), which publishes no session events: over real
 * HTTP, invalidation, an id change then invalidation, Boot's {@code sessions} endpoint, a {@code deleteById} in code,
 * and expiry in the store, learned by the sweep.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringSessionJdbcTests {

	static SessionStoreApplication.Instance app;

	@BeforeAll
	static void start() {
		app = SessionStoreApplication.start("jdbc", SessionStoreApplication.REDIS_OFF,
				"management.endpoints.web.exposure.include=sessions,memory-lifecycle");
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void invalidatingRunsTheCleanupsAtOnce() throws Exception {
		String cookie = app.register("invalidated", null);
		app.register("invalidated", cookie);
		assertThat(SessionStoreApplication.ran("jdbc", "invalidated")).isZero();
		app.call("/invalidate", cookie);
		assertThat(SessionStoreApplication.ran("jdbc", "invalidated")).isEqualTo(2);
	}

	@Test
	void cleanupsFollowAChangedIdAndRunOnceWhenTheSessionIsInvalidated() throws Exception {
		String cookie = app.register("rotated", null);
		String oldId = app.get("/id", cookie).body();
		String rotated = app.call("/change-id", cookie);
		String newId = app.get("/id", rotated).body();
		assertThat(newId).isNotEqualTo(oldId);
		assertThat(app.registry().sessionIds()).contains(newId).doesNotContain(oldId);
		app.register("rotated", rotated);
		assertThat(SessionStoreApplication.ran("jdbc", "rotated")).isZero();
		app.call("/invalidate", rotated);
		assertThat(SessionStoreApplication.ran("jdbc", "rotated")).isEqualTo(2);
		assertThat(app.registry().sessionIds()).doesNotContain(oldId, newId);
	}

	@Test
	void aSessionThatExpiresInTheStoreEndsAtTheNextSweep() throws Exception {
		String cookie = app.register("expired", null);
		String id = app.get("/id", cookie).body();
		app.call("/expire-in?seconds=1", cookie);
		long expiresAt = System.nanoTime() + 1_000_000_000L;
		await().atMost(Duration.ofSeconds(20)).until(() -> SessionStoreApplication.ran("jdbc", "expired") == 1);
		System.out.printf("JDBC: cleanups of an expired session ran %d ms after it expired (sweep every 100 ms)%n",
				(System.nanoTime() - expiresAt) / 1_000_000);
		assertThat(app.registry().sessionIds()).doesNotContain(id);
	}

	@Test
	void aDeleteByIdInApplicationCodeRunsTheCleanups() throws Exception {
		String cookie = app.register("deleted", null);
		String id = app.get("/id", cookie).body();
		app.context().getBean(SessionRepository.class).deleteById(id);
		assertThat(SessionStoreApplication.ran("jdbc", "deleted")).isEqualTo(1);
	}

	@Test
	void bootsSessionsEndpointRunsTheCleanups() throws Exception {
		String cookie = app.register("endpoint", null);
		String id = app.get("/id", cookie).body();
		var delete = java.net.http.HttpRequest.newBuilder(
				java.net.URI.create("http://127.0.0.1:" + app.port() + "/actuator/sessions/" + id))
			.DELETE()
			.build();
		assertThat(java.net.http.HttpClient.newHttpClient()
			.send(delete, java.net.http.HttpResponse.BodyHandlers.discarding())
			.statusCode()).isEqualTo(204);
		assertThat(SessionStoreApplication.ran("jdbc", "endpoint")).isEqualTo(1);
	}

	@Test
	void theRegistriesPartSaysTheSessionsEndsAreLearnedByTheSweep() throws Exception {
		app.register("reported", null);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> app.get("/actuator/memory-lifecycle/registries", null).body().contains("\"lastRun\":\""));
		String body = app.get("/actuator/memory-lifecycle/registries", null).body();
		assertThat(body).contains("\"ends\":[\"sweep\"]").contains("\"interval\":\"PT0.1S\"")
			.contains("\"sessionsChecked\":");
	}

	@Test
	void withTheSweepOffAStoreWithoutEventsIsReportedAtStartup(CapturedOutput output) {
		try (SessionStoreApplication.Instance off = SessionStoreApplication.start("off",
				SessionStoreApplication.REDIS_OFF, "memory.lifecycle.session.sweep.mode=never")) {
			assertThat(output).contains("publishes no session events").contains("memory.lifecycle.session.sweep.mode");
			assertThat(off.context().getBean(SessionSweep.class).ends()).isEmpty();
		}
	}

	@Test
	void aWrongIntervalFailsStartupNamingTheProperty() {
		assertThatThrownBy(() -> SessionStoreApplication.start("wrong", SessionStoreApplication.REDIS_OFF,
				"memory.lifecycle.session.sweep.interval=0s"))
			.rootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageContaining("memory.lifecycle.session.sweep.interval");
	}


}
