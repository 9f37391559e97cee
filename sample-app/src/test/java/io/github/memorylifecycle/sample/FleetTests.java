package io.github.memorylifecycle.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A fleet of two: two instances of the sample app (in this JVM, each with its own context, meter registry and port)
 * scraped every second by a real Prometheus server that loads the shipped alert rules (a copy whose {@code for:} is
 * one second). A leaky pattern driven on one instance shows in Prometheus for that instance only, and the matching
 * alert goes pending, then firing, for that instance only.
 */
class FleetTests {

	private static final String JOB = "sample";

	private static final int LEAKED_TIMERS = 30;

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private PrometheusServer prometheus;

	@TempDir
	Path directory;

	@Test
	void aLeakOnOneInstanceIsVisiblePerInstanceAndFiresItsAlertForThatInstanceOnly() throws Exception {
		assumeThat(PrometheusServer.installed()).as("the prometheus binary is not installed (Debian: apt-get install "
				+ "prometheus); .ci/run installs it").isTrue();
		long start = System.nanoTime();
		String leaky = "127.0.0.1:" + startInstance();
		String healthy = "127.0.0.1:" + startInstance();
		this.prometheus = PrometheusServer.start(this.directory, rulesWithShortFor(), JOB, List.of(leaky, healthy));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.prometheus.targets())
			.allSatisfy((target) -> assertThat(target.path("health").asString()).isEqualTo("up"))
			.hasSize(2));
		long leakAt = System.nanoTime();

		leakTimers(leaky, LEAKED_TIMERS);

		Map<String, Double> liveTimers = new HashMap<>();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			liveTimers.clear();
			liveTimers.putAll(byInstance(this.prometheus.query("memory_lifecycle_scheduling_timers_live_timers")));
			assertThat(liveTimers).containsEntry(leaky, (double) LEAKED_TIMERS).containsEntry(healthy, 0.0);
		});
		long visibleAt = System.nanoTime();
		List<String> states = new ArrayList<>();
		await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			JsonNode alert = alert("MemoryLifecycleLiveTimersGrowing", leaky);
			assertThat(alert).as("the timer alert for %s", leaky).isNotNull();
			String state = alert.path("state").asString();
			if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
				states.add(state);
			}
			assertThat(state).isEqualTo("firing");
		});
		long firingAt = System.nanoTime();
		assertThat(alert("MemoryLifecycleLiveTimersGrowing", healthy)).as("no alert for the healthy instance").isNull();
		Map<String, Double> warnings = byInstance(
				this.prometheus.query("memory_lifecycle_warnings_total{kind=\"timers\"}"));
		assertThat(warnings).containsEntry(healthy, 0.0);
		assertThat(warnings.get(leaky)).isPositive();
		System.out.printf("Fleet test: live timers by instance %s, timer warnings %s; alert states seen %s; "
				+ "visible %d ms and firing %d ms after the leak; %d ms in all%n", liveTimers, warnings, states,
				millis(leakAt, visibleAt), millis(leakAt, firingAt), millis(start, firingAt));
	}

	private int startInstance() {
		// arguments, not default properties: they must win over the sample's application.properties
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.run("--server.port=0", "--spring.main.banner-mode=off");
		this.instances.add(context);
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/**
	 * Returns the shipped rules with every {@code for:} shortened to one second, so that the test sees an alert fire
	 * within seconds.
	 */
	private static String rulesWithShortFor() throws IOException {
		Path rules = Path.of("").toAbsolutePath().getParent()
			.resolve("observability/prometheus/memory-lifecycle-alerts.yml");
		return Files.readString(rules).replaceAll("(?m)^(\\s+)for: \\S+$", "$1for: 1s");
	}

	private static void leakTimers(String instance, int count) {
		HttpClient http = HttpClient.newHttpClient();
		List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + instance + "/leaks/timer/leaky"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.timeout(Duration.ofSeconds(30))
				.build();
			answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
		}
		for (CompletableFuture<HttpResponse<String>> answer : answers) {
			assertThat(answer.join().statusCode()).isEqualTo(200);
		}
	}

	private JsonNode alert(String name, String instance) {
		for (JsonNode alert : this.prometheus.alerts()) {
			if (name.equals(alert.at("/labels/alertname").asString())
					&& instance.equals(alert.at("/labels/instance").asString())) {
				return alert;
			}
		}
		return null;
	}

	private static Map<String, Double> byInstance(JsonNode result) {
		Map<String, Double> values = new HashMap<>();
		for (JsonNode series : result) {
			values.put(series.at("/metric/instance").asString(), Double.parseDouble(series.path("value").get(1).asString()));
		}
		return values;
	}

	private static long millis(long from, long to) {
		return (to - from) / 1_000_000;
	}

	@AfterEach
	void stop() {
		if (this.prometheus != null) {
			this.prometheus.close();
		}
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

}
