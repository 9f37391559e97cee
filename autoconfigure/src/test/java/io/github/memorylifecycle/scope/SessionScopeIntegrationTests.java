package io.github.memorylifecycle.scope;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.apache.catalina.Context;
import org.apache.catalina.Manager;
import org.apache.catalina.Session;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The session scope over real HTTP on Tomcat: invalidation, container expiry, id change and serializability.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SessionScopeIntegrationTests {

	static final List<String> events = new CopyOnWriteArrayList<>();

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	@LocalServerPort
	int port;

	@Autowired
	HttpSessionCleanupRegistry registry;

	@Autowired
	WebServerApplicationContext context;

	@Test
	void cleanupsRunInReverseOrderWhenTheSessionIsInvalidated() throws Exception {
		String id = UUID.randomUUID().toString();
		assertThat(get("/register?id=" + id + "&name=first").body()).isEqualTo("1");
		assertThat(get("/register?id=" + id + "&name=second").body()).isEqualTo("2");
		assertThat(eventsOf(id)).isEmpty();
		get("/invalidate");
		assertThat(eventsOf(id)).containsExactly("second", "first");
	}

	@Test
	void aCleanupRegisteredWhileTheSessionIsBeingInvalidatedStillRuns() throws Exception {
		String id = UUID.randomUUID().toString();
		String sessionId = get("/register-nested?id=" + id).headers().firstValue("X-Session").orElseThrow();
		get("/invalidate");
		assertThat(eventsOf(id)).containsExactly("outer", "inner");
		assertThat(this.registry.sessionIds()).doesNotContain(sessionId);
	}

	@Test
	void cleanupsRunWhenTheContainerExpiresTheSession() throws Exception {
		String id = UUID.randomUUID().toString();
		String sessionId = get("/register?id=" + id + "&name=expiring&maxInactive=1").headers()
			.firstValue("X-Session")
			.orElseThrow();
		Manager manager = tomcatManager();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			manager.backgroundProcess(); // what Tomcat's background thread does, without waiting a minute for it
			Session session = manager.findSession(sessionId);
			return session == null;
		});
		assertThat(eventsOf(id)).containsExactly("expiring");
		assertThat(this.registry.sessionIds()).doesNotContain(sessionId);
	}

	@Test
	void aChangedSessionIdKeepsItsCleanups() throws Exception {
		String id = UUID.randomUUID().toString();
		get("/register?id=" + id + "&name=kept");
		get("/change-id");
		assertThat(eventsOf(id)).isEmpty();
		get("/invalidate");
		assertThat(eventsOf(id)).containsExactly("kept");
	}

	@Test
	void registeringLeavesTheSessionSerializable() throws Exception {
		String id = UUID.randomUUID().toString();
		get("/register?id=" + id + "&name=serializable");
		assertThat(get("/serialize").body()).isEqualTo("serialized");
		get("/invalidate");
		assertThat(eventsOf(id)).containsExactly("serializable");
	}

	@Test
	void sessionEndedRunsTheCleanupsOfASessionStoreThatPublishesItsOwnEvents() throws Exception {
		String id = UUID.randomUUID().toString();
		String sessionId = get("/register?id=" + id + "&name=external").headers().firstValue("X-Session").orElseThrow();
		assertThat(this.registry.sessionEnded(sessionId)).isEqualTo(1);
		assertThat(this.registry.sessionEnded(sessionId)).isZero();
		assertThat(eventsOf(id)).containsExactly("external");
	}

	@Test
	void theRegistriesPartSaysTheContainerTellsTheSessionsEnds(@Autowired @Qualifier(
			"registriesMemoryLifecycleContributor") MemoryLifecycleContributor registries) {
		Object session = ((Map<?, ?>) registries.describe(10)).get("session");
		assertThat(session).isInstanceOfSatisfying(RegistriesContributor.SessionScopeDescriptor.class, (descriptor) -> {
			assertThat(descriptor.ends()).containsExactly("container");
			assertThat(descriptor.sweep()).isNull();
		});
	}

	private Manager tomcatManager() {
		TomcatWebServer server = (TomcatWebServer) this.context.getWebServer();
		Context context = (Context) server.getTomcat().getHost().findChildren()[0];
		return context.getManager();
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(20))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static List<String> eventsOf(String id) {
		return events.stream()
			.filter((event) -> event.startsWith(id + ":"))
			.map((event) -> event.substring(id.length() + 1))
			.toList();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(SessionController.class)
	static class TestApplication {

	}

	@RestController
	static class SessionController {

		private final SessionCleanupRegistry cleanups;

		SessionController(SessionCleanupRegistry cleanups) {
			this.cleanups = cleanups;
		}

		@GetMapping("/register")
		String register(@RequestParam String id, @RequestParam String name,
				@RequestParam(defaultValue = "0") int maxInactive, HttpServletRequest request,
				jakarta.servlet.http.HttpServletResponse response) {
			// a lambda is not serializable: it must never land in the session
			this.cleanups.register(name, () -> events.add(id + ":" + name));
			HttpSession session = request.getSession();
			if (maxInactive > 0) {
				session.setMaxInactiveInterval(maxInactive);
			}
			response.setHeader("X-Session", session.getId());
			return String.valueOf(this.cleanups.pending());
		}

		@GetMapping("/register-nested")
		String registerNested(@RequestParam String id, HttpServletRequest request,
				jakarta.servlet.http.HttpServletResponse response) {
			this.cleanups.register("outer", () -> {
				events.add(id + ":outer");
				this.cleanups.register("inner", () -> events.add(id + ":inner"));
			});
			response.setHeader("X-Session", request.getSession().getId());
			return "registered";
		}

		@GetMapping("/invalidate")
		String invalidate(HttpServletRequest request) {
			request.getSession().invalidate();
			return "invalidated";
		}

		@GetMapping("/change-id")
		String changeId(HttpServletRequest request) {
			return request.changeSessionId();
		}

		@GetMapping("/serialize")
		String serialize(HttpServletRequest request) throws IOException {
			HttpSession session = request.getSession();
			try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
				for (String name : Collections.list(session.getAttributeNames())) {
					Object value = session.getAttribute(name);
					assertThat(value).as("session attribute %s", name).isInstanceOf(Serializable.class);
					out.writeObject(value);
				}
			}
			return "serialized";
		}

	}

}
