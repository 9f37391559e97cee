package io.github.memorylifecycle.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.awaitility.core.ConditionTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives the running sample over real HTTP, as a browser or {@code tour.sh} would, and reads its figures from
 * {@code /actuator/memory-lifecycle}.
 */
final class SampleClient {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final String baseUrl;

	SampleClient(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Posts to a path of the sample and returns the body of its 200 answer.
	 */
	String post(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.POST(HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = send(request);
		assertThat(response.statusCode()).as("POST %s answered %s", path, response.body()).isEqualTo(200);
		return response.body();
	}

	/**
	 * Reads one part of {@code /actuator/memory-lifecycle}, its lists holding every item.
	 */
	JsonNode part(String part) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.baseUrl + "/actuator/memory-lifecycle/" + part + "?limit=1000"))
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = send(request);
		assertThat(response.statusCode()).as("part %s answered %s", part, response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	long liveTimers() {
		return part("timers").path("live").asLong();
	}

	long liveListeners() {
		return part("listeners").path("live").asLong();
	}

	/** Objects handed to the leak watcher that are still reachable after their scope ended and a collection. */
	long suspectedObjects() {
		return part("leaks").path("retained").asLong();
	}

	long watching() {
		return part("leaks").path("watching").asLong();
	}

	long watched() {
		return part("leaks").path("watched").asLong();
	}

	JsonNode cache(String name) {
		for (JsonNode cache : part("caches").path("items")) {
			if (name.equals(cache.path("name").asString())) {
				return cache;
			}
		}
		throw new AssertionError("No cache named '" + name + "' in the caches part");
	}

	/**
	 * Fires requests at one variant of a pattern, one after the other.
	 * @return the body of the last answer
	 */
	String fire(String pattern, String variant, int requests) {
		String last = null;
		for (int i = 0; i < requests; i++) {
			last = post("/leaks/" + pattern + "/" + variant);
		}
		return last;
	}

	/**
	 * Undoes every leak so far, collects, and waits until nothing is live, watched or suspected any more: the state
	 * every test starts from.
	 */
	void resetAndSettle() {
		post("/leaks/reset");
		collectUntilSettled();
		assertThat(liveTimers()).as("live timers").isZero();
		assertThat(liveListeners()).as("runtime listeners").isZero();
		assertThat(suspectedObjects()).as("leak suspects still reachable").isZero();
	}

	/**
	 * Asks for a collection and waits until the leak watcher has a verdict on every object it watches: collected,
	 * or a suspect once the sample's 2 s delay passed. The watcher counts an object as covered by a collection only
	 * if it was watched a few tens of milliseconds before the collection started (it errs on the side of waiting),
	 * so each attempt collects twice, and collects again when the verdicts do not come.
	 */
	void collectUntilSettled() {
		for (int attempt = 1;; attempt++) {
			post("/leaks/gc");
			post("/leaks/gc");
			try {
				await().atMost(Duration.ofSeconds(4))
					.pollInterval(Duration.ofMillis(100))
					.until(this::watching, (watching) -> watching == 0);
				return;
			}
			catch (ConditionTimeoutException ex) {
				if (attempt == 5) {
					throw ex;
				}
			}
		}
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Request to " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted during a request to " + request.uri(), ex);
		}
	}

}
