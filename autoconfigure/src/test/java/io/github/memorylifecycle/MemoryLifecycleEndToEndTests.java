package io.github.memorylifecycle;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import io.github.memorylifecycle.cache.BoundedCaches;
import io.github.memorylifecycle.leak.GrowthSource;
import io.github.memorylifecycle.scheduling.TrackedTaskScheduler;
import io.github.memorylifecycle.scope.RequestCleanupRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole starter in one application, no stand-ins: a live timer, a runtime listener, a pending request cleanup
 * and a cache, all visible in {@code /actuator/memory-lifecycle}, and a timer cancelled through its write
 * operation.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,memory-lifecycle",
				"management.endpoint.memory-lifecycle.access=unrestricted" })
@ExtendWith(OutputCaptureExtension.class)
class MemoryLifecycleEndToEndTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	Resources resources;

	@Test
	void everyPartShowsTheApplicationsLiveResourcesAndATimerCanBeCancelledById(CapturedOutput output)
			throws Exception {
		assertThat(send(get("/start")).body()).isEqualTo("started");
		CompletableFuture<HttpResponse<String>> slow = this.client.sendAsync(get("/slow"),
				HttpResponse.BodyHandlers.ofString());
		try {
			assertThat(this.resources.registered.await(10, TimeUnit.SECONDS)).isTrue();
			JsonNode document = json.readTree(send(get("/actuator/memory-lifecycle")).body());
			assertThat(document.propertyNames()).contains("memory", "timers", "listeners", "registries", "caches",
					"warnings", "leaks");
			assertThat(document.at("/memory/heapUsed").asLong()).isPositive();
			assertThat(document.at("/timers/live").asInt()).isEqualTo(1);
			JsonNode timer = document.at("/timers/items/0");
			assertThat(timer.get("kind").asString()).isEqualTo("fixed-rate");
			assertThat(document.at("/listeners/live").asInt()).isEqualTo(1);
			assertThat(document.at("/listeners/items/0/eventType").asString()).contains("ApplicationEvent");
			assertThat(document.at("/registries/request/pendingCleanups").asLong()).isEqualTo(1);
			assertThat(document.at("/caches/items").findValuesAsString("name")).contains("end-to-end");
			HttpResponse<String> cancelled = send(post("/actuator/memory-lifecycle",
					"{\"timerId\": " + timer.get("id").asLong() + "}"));
			assertThat(cancelled.statusCode()).isEqualTo(200);
			assertThat(json.readTree(send(get("/actuator/memory-lifecycle/timers")).body()).get("live").asInt())
				.isZero();
			assertThat(this.resources.timer.isCancelled()).isTrue();
		}
		finally {
			this.resources.release.countDown();
		}
		assertThat(slow.get(10, TimeUnit.SECONDS).body()).isEqualTo("released");
		assertThat(output).doesNotContain("Endpoint ID");
	}

	@Test
	void everyTrackedFeatureFeedsTheHeapGrowthAttribution(@Autowired List<GrowthSource> sources) {
		assertThat(sources).extracting(GrowthSource::name)
			.contains("live timers", "pending async work", "runtime listeners", "cache entries");
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(20))
			.build();
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

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(Resources.class)
	static class TestApplication {

	}

	@RestController
	static class Resources {

		final CountDownLatch registered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		private final TrackedTaskScheduler scheduler;

		private final ConfigurableApplicationContext context;

		private final RequestCleanupRegistry requestCleanups;

		private final Cache<String, String> cache;

		volatile java.util.concurrent.ScheduledFuture<?> timer;

		Resources(TrackedTaskScheduler scheduler, ConfigurableApplicationContext context,
				RequestCleanupRegistry requestCleanups, BoundedCaches caches) {
			this.scheduler = scheduler;
			this.context = context;
			this.requestCleanups = requestCleanups;
			this.cache = caches.create("end-to-end", 10);
		}

		@GetMapping("/start")
		String start() {
			this.timer = this.scheduler.scheduleAtFixedRate(() -> {
			}, Duration.ofHours(1));
			this.context.addApplicationListener((ApplicationListener<ApplicationEvent>) (event) -> {
			});
			this.cache.put("key", "value");
			return "started";
		}

		@GetMapping("/slow")
		String slow() throws InterruptedException {
			this.requestCleanups.register("pending until released", () -> {
			});
			this.registered.countDown();
			this.release.await(10, TimeUnit.SECONDS);
			return "released";
		}

	}

}
