package io.github.memorylifecycle.scope;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The request scope over real HTTP on Tomcat: sync, failing and async requests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.mvc.async.request-timeout=200ms", "server.error.include-message=always" })
class RequestScopeIntegrationTests {

	static final List<String> events = new CopyOnWriteArrayList<>();

	static final ExecutorService worker = Executors.newSingleThreadExecutor();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	ServletRequestCleanupRegistry registry;

	@AfterAll
	static void stopWorker() {
		worker.shutdownNow();
	}

	@Test
	void cleanupsRegisteredByAHandlerRunAfterItInReverseOrder() throws Exception {
		String id = id();
		HttpResponse<String> response = get("/sync?id=" + id);
		assertThat(response.body()).isEqualTo("ok");
		await().until(() -> eventsOf(id).size() == 3);
		assertThat(eventsOf(id)).containsExactly("handler", "second", "first");
	}

	@Test
	void aThrowingCleanupNeitherStopsTheOthersNorChangesTheResponse() throws Exception {
		String id = id();
		long failures = this.registry.statistics().cleanupsFailed();
		HttpResponse<String> response = get("/throwing-cleanup?id=" + id);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("still ok");
		await().until(() -> eventsOf(id).contains("survivor"));
		assertThat(this.registry.statistics().cleanupsFailed()).isEqualTo(failures + 1);
	}

	@Test
	void aHandlerThatThrowsStillGetsItsCleanupsRun() throws Exception {
		String id = id();
		HttpResponse<String> response = get("/failing-handler?id=" + id);
		assertThat(response.statusCode()).isEqualTo(500);
		await().until(() -> eventsOf(id).contains("cleanup"));
	}

	@Test
	void cleanupsRegisteredInsideACallableRunAfterItCompletes() throws Exception {
		String id = id();
		HttpResponse<String> response = get("/callable?id=" + id);
		assertThat(response.body()).isEqualTo("callable done");
		await().until(() -> eventsOf(id).size() == 3);
		assertThat(eventsOf(id)).containsExactly("callable", "from callable", "from handler");
	}

	@Test
	void cleanupsRegisteredFromAnotherThreadThroughThePinnedRegistryRunAfterADeferredResult() throws Exception {
		String id = id();
		HttpResponse<String> response = get("/deferred?id=" + id);
		assertThat(response.body()).isEqualTo("deferred done");
		await().until(() -> eventsOf(id).size() == 3);
		assertThat(eventsOf(id)).containsExactly("result set", "from worker", "from handler");
	}

	@Test
	void cleanupsRunAfterAnSseEmitterCompletes() throws Exception {
		String id = id();
		HttpResponse<String> response = get("/sse?id=" + id);
		assertThat(response.body()).contains("data:tick");
		await().until(() -> eventsOf(id).size() == 2);
		assertThat(eventsOf(id)).containsExactly("emitter completed", "cleanup");
	}

	@Test
	void cleanupsRunWhenAnAsyncRequestTimesOut() throws Exception {
		String id = id();
		HttpResponse<String> response = get("/timeout?id=" + id);
		assertThat(response.statusCode()).isEqualTo(503);
		await().until(() -> eventsOf(id).contains("cleanup"));
	}

	@Test
	void aRequestThatRegistersNothingCreatesNoRegistry() throws Exception {
		HttpResponse<String> response = get("/nothing");
		assertThat(response.body()).isEqualTo("registry absent");
	}

	@Test
	void registeringOutsideARequestFailsWithAClearMessage() {
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> this.registry.register(() -> {
			}))
			.withMessageContaining("No HTTP request is bound to thread");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(20))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String id() {
		return UUID.randomUUID().toString();
	}

	private static List<String> eventsOf(String id) {
		return events.stream()
			.filter((event) -> event.startsWith(id + ":"))
			.map((event) -> event.substring(id.length() + 1))
			.toList();
	}

	static void record(String id, String event) {
		events.add(id + ":" + event);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ScopeController.class)
	static class TestApplication {

	}

	@RestController
	static class ScopeController {

		private final RequestCleanupRegistry cleanups;

		ScopeController(RequestCleanupRegistry cleanups) {
			this.cleanups = cleanups;
		}

		@GetMapping("/sync")
		String sync(@RequestParam String id) {
			this.cleanups.register("first", () -> record(id, "first"));
			this.cleanups.register("second", () -> record(id, "second"));
			record(id, "handler");
			return "ok";
		}

		@GetMapping("/throwing-cleanup")
		String throwingCleanup(@RequestParam String id) {
			this.cleanups.register("survivor", () -> record(id, "survivor"));
			this.cleanups.register("thrower", () -> {
				throw new IllegalStateException("cleanup failed on purpose");
			});
			return "still ok";
		}

		@GetMapping("/failing-handler")
		String failingHandler(@RequestParam String id) {
			this.cleanups.register("cleanup", () -> record(id, "cleanup"));
			throw new IllegalStateException("handler failed on purpose");
		}

		@GetMapping("/callable")
		Callable<String> callable(@RequestParam String id) {
			this.cleanups.register("from handler", () -> record(id, "from handler"));
			return () -> {
				this.cleanups.register("from callable", () -> record(id, "from callable"));
				record(id, "callable");
				return "callable done";
			};
		}

		@GetMapping("/deferred")
		DeferredResult<String> deferred(@RequestParam String id) {
			CleanupRegistry pinned = this.cleanups.current();
			pinned.register("from handler", () -> record(id, "from handler"));
			DeferredResult<String> result = new DeferredResult<>(10_000L);
			worker.execute(() -> {
				pinned.register("from worker", () -> record(id, "from worker"));
				record(id, "result set");
				result.setResult("deferred done");
			});
			return result;
		}

		@GetMapping("/sse")
		SseEmitter sse(@RequestParam String id) {
			SseEmitter emitter = new SseEmitter(10_000L);
			this.cleanups.register("cleanup", () -> record(id, "cleanup"));
			worker.execute(() -> {
				try {
					emitter.send("tick");
					record(id, "emitter completed");
					emitter.complete();
				}
				catch (IOException ex) {
					emitter.completeWithError(ex);
				}
			});
			return emitter;
		}

		@GetMapping("/timeout")
		DeferredResult<String> timeout(@RequestParam String id) {
			this.cleanups.register("cleanup", () -> record(id, "cleanup"));
			return new DeferredResult<>(); // never set: the configured 200ms timeout ends it
		}

		@GetMapping("/nothing")
		String nothing(HttpServletRequest request) {
			return (request.getAttribute(ServletRequestCleanupRegistry.ATTRIBUTE) != null) ? "registry present"
					: "registry absent";
		}

	}

}
