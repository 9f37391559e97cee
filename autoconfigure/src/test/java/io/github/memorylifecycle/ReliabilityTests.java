package io.github.memorylifecycle;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import jakarta.servlet.http.HttpServletRequest;
import io.github.memorylifecycle.scope.CleanupRegistry;
import io.github.memorylifecycle.scope.CleanupStatistics;
import io.github.memorylifecycle.scope.Registration;
import io.github.memorylifecycle.scope.RequestCleanupRegistry;
import io.github.memorylifecycle.scope.ScopeStatistics;
import io.github.memorylifecycle.scope.SessionCleanupRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hostile trial's runs, at a size that fits the suite, over real HTTP on Tomcat: request cleanups registered from
 * two threads racing the end of their request and {@code cancel()}; a storm of sessions invalidated directly or after
 * an id change; and the endpoint fed malformed requests from a fixed seed. Figures are printed for the record.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=memory-lifecycle",
				"management.endpoint.memory-lifecycle.access=unrestricted" })
class ReliabilityTests {

	static final int REQUESTS = 100;

	static final int PER_THREAD = 1_000;

	static final int SESSIONS = 1_000;

	static final int FUZZ_REQUESTS = 300;

	static final AtomicIntegerArray runs = new AtomicIntegerArray(REQUESTS * PER_THREAD * 2);

	static final AtomicIntegerArray cancelled = new AtomicIntegerArray(REQUESTS * PER_THREAD * 2);

	static final ConcurrentLinkedQueue<CompletableFuture<?>> helpers = new ConcurrentLinkedQueue<>();

	static final AtomicIntegerArray sessionRuns = new AtomicIntegerArray(SESSIONS);

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void requestCleanupsRacingTheEndOfTheRequestAndCancelAreNeitherLostNorRunTwice() throws Exception {
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int request = 0; request < REQUESTS; request++) {
			responses.add(this.http.sendAsync(get("/race?request=" + request), HttpResponse.BodyHandlers.ofString()));
		}
		for (CompletableFuture<HttpResponse<String>> response : responses) {
			assertThat(response.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		}
		CompletableFuture.allOf(helpers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		long ran = 0;
		long cancels = 0;
		for (int id = 0; id < runs.length(); id++) {
			assertThat(runs.get(id)).as("runs of cleanup %d", id).isEqualTo(cancelled.get(id) == 1 ? 0 : 1);
			ran += runs.get(id);
			cancels += cancelled.get(id);
		}
		System.out.printf("race: %d requests x 2 threads x %d registrations = %d; ran %d, cancelled %d, "
				+ "lost 0, run twice 0%n", REQUESTS, PER_THREAD, runs.length(), ran, cancels);
		assertThat(ran + cancels).isEqualTo(runs.length());
		CleanupStatistics request = statistics("request");
		assertThat(request.pendingCleanups()).isZero();
	}

	@Test
	void aStormOfSessionsInvalidatedDirectlyOrAfterAnIdChangeLeavesNothingPending() throws Exception {
		for (int session = 0; session < SESSIONS; session++) {
			HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
			assertThat(client.send(get("/session/register?id=" + session), HttpResponse.BodyHandlers.ofString())
				.statusCode()).isEqualTo(200);
			if (session % 2 == 1) {
				client.send(get("/session/rotate"), HttpResponse.BodyHandlers.ofString());
			}
			client.send(get("/session/invalidate"), HttpResponse.BodyHandlers.ofString());
		}
		for (int session = 0; session < SESSIONS; session++) {
			assertThat(sessionRuns.get(session)).as("runs of session %d's cleanup", session).isOne();
		}
		CleanupStatistics statistics = statistics("session");
		assertThat(statistics.pendingCleanups()).isZero();
		assertThat(statistics.activeScopes()).isZero();
		System.out.printf("storm: %d sessions (half with an id change), every cleanup run once, 0 pending%n",
				SESSIONS);
	}

	@Test
	void malformedEndpointRequestsFromAFixedSeedNeverAnswer5xxNorShowAStackTrace() throws Exception {
		Random random = new Random(19);
		String[] parts = { "timers", "async", "memory", "caches", "leaks", "registries", "warnings", "listeners" };
		String junk = "%00%ff%2e%2e/<>\"'{}[]|\\^`~!@#$&*()=+;:,?é漢😀";
		int[] byStatus = new int[6];
		for (int i = 0; i < FUZZ_REQUESTS; i++) {
			String part = random.nextBoolean() ? parts[random.nextInt(parts.length)] : randomText(random, junk, 40);
			String limit = switch (random.nextInt(6)) {
				case 0 -> "-" + random.nextInt(1000);
				case 1 -> String.valueOf(random.nextLong());
				case 2 -> randomText(random, junk, 12);
				case 3 -> "9".repeat(1 + random.nextInt(400));
				case 4 -> "";
				default -> String.valueOf(random.nextInt(2000));
			};
			String path = "/actuator/memory-lifecycle" + (random.nextInt(4) == 0 ? "" : "/" + part) + "?limit="
					+ java.net.URLEncoder.encode(limit, StandardCharsets.UTF_8);
			HttpRequest request;
			if (random.nextInt(3) == 0) {
				String body = switch (random.nextInt(4)) {
					case 0 -> "{\"id\": " + random.nextLong() + "}";
					case 1 -> "{\"id\": \"" + randomText(random, junk, 8) + "\"}";
					case 2 -> randomText(random, junk, 64);
					default -> "{\"timerId\": " + random.nextInt() + "}";
				};
				request = HttpRequest.newBuilder(uri(path.substring(0, path.indexOf('?'))))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.timeout(Duration.ofSeconds(20))
					.build();
			}
			else {
				request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).build();
			}
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			byStatus[response.statusCode() / 100]++;
			assertThat(response.statusCode()).as("%s %s", request.method(), path).isLessThan(500);
			assertThat(response.body()).as("%s %s", request.method(), path)
				.doesNotContain("Exception")
				.doesNotContain("\tat ");
		}
		System.out.printf("fuzz: %d requests (seed 19): 2xx %d, 4xx %d, 5xx 0%n", FUZZ_REQUESTS, byStatus[2],
				byStatus[4]);
	}

	private static String randomText(Random random, String alphabet, int maxLength) {
		StringBuilder text = new StringBuilder();
		int length = random.nextInt(maxLength + 1);
		for (int i = 0; i < length; i++) {
			text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
					random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
		}
		return text.toString();
	}

	private CleanupStatistics statistics(String scope) {
		return this.context.getBean(ScopeStatistics.class)
			.all()
			.stream()
			.filter((statistics) -> statistics.scope().equals(scope))
			.findFirst()
			.orElseThrow();
	}

	private URI uri(String path) {
		try {
			return new URI("http://127.0.0.1:" + this.port + path);
		}
		catch (java.net.URISyntaxException ex) {
			return URI.create("http://127.0.0.1:" + this.port + "/actuator/memory-lifecycle/bad");
		}
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(RaceController.class)
	static class TestApplication {

	}

	@RestController
	static class RaceController {

		private final RequestCleanupRegistry requests;

		private final SessionCleanupRegistry sessions;

		RaceController(RequestCleanupRegistry requests, SessionCleanupRegistry sessions) {
			this.requests = requests;
			this.sessions = sessions;
		}

		/**
		 * Registers cleanups from the request thread and, through the pinned registry, from a second thread that
		 * is still registering when the request ends; every fourth one is cancelled right away.
		 */
		@GetMapping("/race")
		String race(@RequestParam int request) throws InterruptedException {
			CleanupRegistry pinned = this.requests.current();
			CountDownLatch halfway = new CountDownLatch(1);
			int base = request * PER_THREAD * 2;
			helpers.add(CompletableFuture.runAsync(() -> register(pinned, base + PER_THREAD, halfway)));
			register(this.requests, base, null);
			halfway.await(10, TimeUnit.SECONDS);
			return "ok";
		}

		private static void register(CleanupRegistry registry, int from, CountDownLatch halfway) {
			for (int i = 0; i < PER_THREAD; i++) {
				int id = from + i;
				Registration registration = registry.register("race " + id, () -> runs.incrementAndGet(id));
				if (i % 4 == 0 && registration.cancel()) {
					cancelled.set(id, 1);
				}
				if (halfway != null && i == PER_THREAD / 2) {
					halfway.countDown();
				}
			}
		}

		@GetMapping("/session/register")
		String register(@RequestParam int id, HttpServletRequest request) {
			request.getSession(true);
			this.sessions.register("storm " + id, () -> sessionRuns.incrementAndGet(id));
			return "ok";
		}

		@GetMapping("/session/rotate")
		String rotate(HttpServletRequest request) {
			return request.changeSessionId();
		}

		@GetMapping("/session/invalidate")
		String invalidate(HttpServletRequest request) {
			request.getSession(true).invalidate();
			return "ok";
		}

	}

}
