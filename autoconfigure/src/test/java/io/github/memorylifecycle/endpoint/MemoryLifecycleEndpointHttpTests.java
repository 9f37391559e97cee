package io.github.memorylifecycle.endpoint;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.memorylifecycle.memory.MemoryMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint over real HTTP in an application with a live timer, a runtime listener, a pending request cleanup and
 * a cache. Timers, listeners and caches are stand-in contributors: their real contributors belong to other features.
 */
@SpringBootTest(classes = LiveResourcesApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,memory-lifecycle",
				"management.endpoint.memory-lifecycle.access=unrestricted",
				"management.endpoint.health.show-details=always",
				"management.endpoint.health.group.memory.include=memoryLifecycle" })
@ExtendWith(OutputCaptureExtension.class)
class MemoryLifecycleEndpointHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private LiveResourcesApplication application;

	@Autowired
	private LiveResourcesApplication.SlowController slowController;

	@Autowired
	private MemoryMonitor memoryMonitor;

	@Test
	void documentShowsEveryPartOfAnApplicationWithLiveResources() throws Exception {
		this.application.critical = true;
		this.memoryMonitor.track("nightly import");
		this.application.critical = false;
		CompletableFuture<HttpResponse<String>> slow = this.client.sendAsync(get("/slow"),
				HttpResponse.BodyHandlers.ofString());
		try {
			assertThat(this.slowController.registered.await(10, TimeUnit.SECONDS)).isTrue();
			HttpResponse<String> response = this.client.send(get("/actuator/memory-lifecycle"),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode document = json.readTree(response.body());
			assertThat(document.propertyNames()).containsExactly("memory", "timers", "async", "listeners",
					"registries", "caches", "warnings", "leaks", "meters");
			JsonNode memory = document.get("memory");
			assertThat(memory.get("heapUsed").asLong()).isPositive();
			assertThat(memory.get("heapCommitted").asLong()).isPositive();
			assertThat(memory.get("heapMax").asLong()).isPositive();
			assertThat(memory.get("heapUsedPercent").isNumber()).isTrue();
			assertThat(memory.get("afterGcPercent").isNumber()).isTrue();
			assertThat(memory.get("nonHeapUsed").asLong()).isPositive();
			assertThat(memory.get("directBufferUsed").isNumber()).isTrue();
			assertThat(memory.has("rss")).isTrue();
			assertThat(document.at("/timers/live").asInt()).isEqualTo(3);
			assertThat(document.at("/timers/items")).hasSize(3);
			assertThat(document.at("/listeners/live").asInt()).isEqualTo(1);
			assertThat(document.at("/listeners/static").asInt()).isZero();
			assertThat(document.at("/registries/request/pendingCleanups").asLong()).isEqualTo(1);
			assertThat(document.at("/registries/request/activeScopes").asLong()).isPositive();
			assertThat(document.at("/caches/items/0/name").asString()).isEqualTo("products");
			assertThat(document.at("/warnings/counts/memory").asLong()).isEqualTo(1);
			assertThat(document.at("/warnings/items/0/kind").asString()).isEqualTo("memory");
			assertThat(document.at("/warnings/items/0/message").asString()).contains("'nightly import'");
			assertThat(document.at("/leaks/suspects").asInt()).isZero(); // leak detection's own part
		}
		finally {
			this.slowController.release.countDown();
		}
		assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
	}

	@Test
	void partAnswersWithThatPartOnly() throws Exception {
		HttpResponse<String> response = send(get("/actuator/memory-lifecycle/memory"));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode memory = json.readTree(response.body());
		assertThat(memory.has("heapUsed")).isTrue();
		assertThat(memory.has("timers")).isFalse();
	}

	@Test
	void unknownPartAnswers404WithAClearBody() throws Exception {
		HttpResponse<String> response = send(get("/actuator/memory-lifecycle/timer"));
		assertThat(response.statusCode()).isEqualTo(404);
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("status").asInt()).isEqualTo(404);
		assertThat(body.get("message").asString()).isEqualTo("No part 'timer' in the memory-lifecycle endpoint; "
				+ "known parts: memory, timers, async, listeners, registries, caches, warnings, leaks, meters");
	}

	@Test
	void limitCapsListsWhileTheCountStaysWhole() throws Exception {
		JsonNode timers = json.readTree(send(get("/actuator/memory-lifecycle/timers?limit=1")).body());
		assertThat(timers.get("live").asInt()).isEqualTo(3);
		assertThat(timers.get("items")).hasSize(1);
		JsonNode document = json.readTree(send(get("/actuator/memory-lifecycle?limit=0")).body());
		assertThat(document.at("/timers/items")).isEmpty();
	}

	@Test
	void nonNumericLimitAnswers400WithAClearBody() throws Exception {
		HttpResponse<String> response = send(get("/actuator/memory-lifecycle?limit=ten"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json.readTree(response.body()).get("message").asString())
			.startsWith("Invalid limit 'ten': it must be a whole number of 0 or more");
	}

	@Test
	void negativeLimitAnswers400WithAClearBody() throws Exception {
		HttpResponse<String> response = send(get("/actuator/memory-lifecycle/timers?limit=-5"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json.readTree(response.body()).get("message").asString()).startsWith("Invalid limit '-5'");
	}

	@Test
	void writeOperationCancelsATimerById() throws Exception {
		HttpResponse<String> cancelled = send(post("/actuator/memory-lifecycle", "{\"timerId\": 1}"));
		assertThat(cancelled.statusCode()).isEqualTo(200);
		assertThat(json.readTree(cancelled.body()).get("cancelled").asBoolean()).isTrue();
		HttpResponse<String> unknown = send(post("/actuator/memory-lifecycle", "{\"timerId\": 99}"));
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(json.readTree(unknown.body()).get("message").asString())
			.isEqualTo("No live item #99 in part 'timers'");
	}

	@Test
	void healthAndItsGroupGoDownUnderAReadingAboveCritical() throws Exception {
		HttpResponse<String> up = send(get("/actuator/health/memoryLifecycle"));
		assertThat(up.statusCode()).isEqualTo(200);
		assertThat(json.readTree(up.body()).get("status").asString()).isEqualTo("UP");
		this.application.critical = true;
		try {
			HttpResponse<String> down = send(get("/actuator/health/memoryLifecycle"));
			assertThat(down.statusCode()).isEqualTo(503);
			JsonNode health = json.readTree(down.body());
			assertThat(health.get("status").asString()).isEqualTo("DOWN");
			assertThat(health.at("/details/afterGcPercent").asDouble()).isEqualTo(97.0);
			assertThat(health.at("/details/criticalThreshold").asDouble()).isEqualTo(95.0);
			assertThat(send(get("/actuator/health/memory")).statusCode()).isEqualTo(503);
		}
		finally {
			this.application.critical = false;
		}
	}

	@Test
	void startupLogHasNoEndpointIdWarning(CapturedOutput output) {
		assertThat(output).contains("Exposing 2 endpoints beneath base path '/actuator'")
			.doesNotContain("Endpoint ID")
			.doesNotContain("invalid characters");
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build();
	}

	private HttpRequest post(String path, String body) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
