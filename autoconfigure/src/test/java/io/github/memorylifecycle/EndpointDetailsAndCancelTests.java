package io.github.memorylifecycle;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.memorylifecycle.scheduling.TrackedAsyncTaskExecutor;
import io.github.memorylifecycle.scheduling.TrackedTaskScheduler;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the endpoint shows of application data, and its one write operation, over real HTTP: the message of an
 * exception a timer threw (user data: here a card number) is hidden unless {@code show-details} allows it, and any
 * part's live item is cancelled by {@code POST /actuator/memory-lifecycle/{part}}.
 */
class EndpointDetailsAndCancelTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void exceptionMessagesOfFailedTimersAreHiddenByDefault() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			JsonNode timer = failedTimer(context);
			assertThat(timer.get("exception").asString()).isEqualTo(IllegalStateException.class.getName());
			assertThat(timer.get("message").isNull()).isTrue();
			assertThat(get(context, "/actuator/memory-lifecycle").body()).doesNotContain("4111111111111111");
		}
	}

	@Test
	void exceptionMessagesAreShownWhenShowDetailsIsAlways() throws Exception {
		try (ConfigurableApplicationContext context = start("memory.lifecycle.endpoint.show-details=always")) {
			assertThat(failedTimer(context).get("message").asString()).contains("card=4111111111111111");
		}
	}

	@Test
	void whenAuthorizedHidesDetailsFromAnonymousReaders() throws Exception {
		try (ConfigurableApplicationContext context = start("memory.lifecycle.endpoint.show-details=when-authorized")) {
			assertThat(failedTimer(context).get("message").isNull()).isTrue();
		}
	}

	@Test
	void aPendingAsyncTaskIsCancelledThroughItsPart() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			CountDownLatch release = new CountDownLatch(1);
			Future<?> task = context.getBean(TrackedAsyncTaskExecutor.class).submit(() -> {
				release.await(30, TimeUnit.SECONDS);
				return null;
			});
			try {
				long id = json.readTree(get(context, "/actuator/memory-lifecycle/async").body())
					.at("/items/0/id")
					.asLong();
				HttpResponse<String> cancelled = post(context, "/actuator/memory-lifecycle/async",
						"{\"id\": " + id + "}");
				assertThat(cancelled.statusCode()).isEqualTo(200);
				assertThat(json.readTree(cancelled.body()).get("cancelled").asBoolean()).isTrue();
				assertThat(task.isCancelled()).isTrue();
				assertThat(post(context, "/actuator/memory-lifecycle/async", "{\"id\": " + id + "}").statusCode())
					.isEqualTo(404);
			}
			finally {
				release.countDown();
			}
		}
	}

	@Test
	void cancellingInAPartWithNothingToCancelIsABadRequest() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			HttpResponse<String> response = post(context, "/actuator/memory-lifecycle/memory", "{\"id\": 1}");
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(json.readTree(response.body()).get("message").asString())
				.isEqualTo("Part 'memory' has nothing to cancel");
			assertThat(post(context, "/actuator/memory-lifecycle/nope", "{\"id\": 1}").statusCode())
				.isEqualTo(404);
		}
	}

	private JsonNode failedTimer(ConfigurableApplicationContext context) throws Exception {
		context.getBean(TrackedTaskScheduler.class).scheduleWithFixedDelay(() -> {
			throw new IllegalStateException("payment refused for card=4111111111111111");
		}, Duration.ofHours(1));
		return await().atMost(Duration.ofSeconds(30)).until(() -> {
			JsonNode timers = json.readTree(get(context, "/actuator/memory-lifecycle/timers").body());
			JsonNode item = timers.at("/items/0");
			return "failure".equals(item.path("lastOutcome").asString(null)) ? item : null;
		}, (item) -> item != null);
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "server.address=127.0.0.1",
					"management.endpoints.web.exposure.include=memory-lifecycle",
					"management.endpoint.memory-lifecycle.access=unrestricted")
			.properties(properties)
			.run();
	}

	private HttpResponse<String> get(ConfigurableApplicationContext context, String path)
			throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(uri(context, path)).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(ConfigurableApplicationContext context, String path, String body)
			throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(uri(context, path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.timeout(Duration.ofSeconds(20))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(ConfigurableApplicationContext context, String path) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return URI.create("http://127.0.0.1:" + port + path);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
