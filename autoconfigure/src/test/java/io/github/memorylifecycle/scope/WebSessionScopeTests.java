package io.github.memorylifecycle.scope;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.server.session.DefaultWebSessionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web-session scope of WebFlux over real HTTP on Reactor Netty, with Boot's in-memory session store, which
 * expires sessions lazily and tells no one: invalidation, expiry, an id change.
 */
class WebSessionScopeTests {

	static ConfigurableApplicationContext context;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void start() {
		context = ReactiveApplication.start(ReactiveApplication.TOMCAT, "memory.lifecycle.session.sweep.interval=100ms",
				"management.endpoints.web.exposure.include=memory-lifecycle");
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void invalidatingTheSessionRunsItsCleanups() throws Exception {
		String tag = "invalidated-" + UUID.randomUUID();
		String cookie = cookieOf(get("/session/register?tag=" + tag, null));
		get("/session/register?tag=" + tag, cookie);
		assertThat(ran(tag)).isZero();
		get("/session/invalidate", cookie);
		await().atMost(Duration.ofSeconds(10)).until(() -> ran(tag) == 2);
	}

	@Test
	void aSessionThatExpiresInTheInMemoryStoreEndsAtTheNextSweep() throws Exception {
		String tag = "expired-" + UUID.randomUUID();
		String cookie = cookieOf(get("/session/register?tag=" + tag, null));
		get("/session/expire-in?seconds=1", cookie);
		await().atMost(Duration.ofSeconds(20)).until(() -> ran(tag) == 1);
		assertThat(context.getBean(ReactiveWebSessionCleanupRegistry.class).sessionIds())
			.doesNotContain(cookie.substring("SESSION=".length()));
	}

	@Test
	void anIdChangeKeepsTheCleanups() throws Exception {
		String tag = "rotated-" + UUID.randomUUID();
		String cookie = cookieOf(get("/session/register?tag=" + tag, null));
		HttpResponse<String> changed = get("/session/change-id", cookie);
		String rotated = cookieOf(changed);
		assertThat(rotated).isNotEqualTo(cookie);
		assertThat(ran(tag)).isZero();
		get("/session/invalidate", rotated);
		await().atMost(Duration.ofSeconds(10)).until(() -> ran(tag) == 1);
	}

	@Test
	void theSessionStoreIsWrappedAndTheRegistriesPartSaysSweep() throws Exception {
		assertThat(context.getBean(DefaultWebSessionManager.class).getSessionStore())
			.isInstanceOf(ScopedWebSessionStore.class);
		String body = get("/actuator/memory-lifecycle/registries", null).body();
		assertThat(body).contains("\"session\"").contains("\"ends\":[\"sweep\"]").contains("\"request\"");
	}

	private static int ran(String tag) {
		java.util.concurrent.atomic.AtomicInteger count = ReactiveApplication.ran.get(tag);
		return (count != null) ? count.get() : 0;
	}

	private static String cookieOf(HttpResponse<String> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((value) -> value.startsWith("SESSION="))
			.map((value) -> value.substring(0, value.indexOf(';')))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
	}

	private HttpResponse<String> get(String path, String cookie) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + ReactiveApplication.port(context) + path))
			.timeout(Duration.ofSeconds(20));
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
		return response;
	}

}
