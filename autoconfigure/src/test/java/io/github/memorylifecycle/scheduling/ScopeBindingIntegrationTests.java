package io.github.memorylifecycle.scheduling;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Timers and async work bound to the request or the session over real HTTP on Tomcat.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ScopeBindingIntegrationTests {

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	@LocalServerPort
	int port;

	@Autowired
	TrackedTaskScheduler scheduler;

	@Autowired
	TrackedAsyncTaskExecutor executor;

	@Autowired
	PollingController controller;

	@Test
	void aRepeatingTimerBoundToTheRequestIsGoneOnceTheResponseIsComplete() throws Exception {
		long id = Long.parseLong(get("/request-poll"));
		assertThat(this.controller.seenLive).isTrue();
		await().untilAsserted(
				() -> assertThat(this.scheduler.liveTimers()).extracting(TimerInfo::id).doesNotContain(id));
		int runs = this.controller.runs.get();
		assertThat(runs).isPositive();
	}

	@Test
	void aRepeatingTimerBoundToTheSessionLivesUntilTheSessionEnds() throws Exception {
		long id = Long.parseLong(get("/session-poll"));
		assertThat(this.scheduler.liveTimers()).filteredOn((timer) -> timer.id() == id)
			.singleElement()
			.extracting(TimerInfo::scope)
			.isEqualTo("session");
		get("/logout");
		await().untilAsserted(
				() -> assertThat(this.scheduler.liveTimers()).extracting(TimerInfo::id).doesNotContain(id));
	}

	@Test
	void workBoundToTheRequestAndStillRunningWhenItEndsIsInterruptedAndCounted() throws Exception {
		long cancelledBefore = this.executor.cancelledAtScopeEnd();
		long id = Long.parseLong(get("/request-async"));
		await().untilTrue(this.controller.asyncInterrupted);
		assertThat(this.controller.asyncWork.isCancelled()).isTrue();
		assertThat(this.executor.cancelledAtScopeEnd()).isEqualTo(cancelledBefore + 1);
		await().untilAsserted(
				() -> assertThat(this.executor.pendingTasks()).extracting(PendingTaskInfo::id).doesNotContain(id));
	}

	private String get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(PollingController.class)
	static class TestApplication {

	}

	@RestController
	static class PollingController {

		final AtomicInteger runs = new AtomicInteger();

		volatile boolean seenLive;

		final AtomicBoolean asyncInterrupted = new AtomicBoolean();

		volatile CompletableFuture<Void> asyncWork;

		private final TrackedTaskScheduler scheduler;

		private final TrackedAsyncTaskExecutor executor;

		PollingController(TrackedTaskScheduler scheduler, TrackedAsyncTaskExecutor executor) {
			this.scheduler = scheduler;
			this.executor = executor;
		}

		@GetMapping("/request-async")
		String requestAsync() throws InterruptedException {
			CountDownLatch started = new CountDownLatch(1);
			this.asyncWork = this.executor.forRequest().submitCompletable(() -> {
				started.countDown();
				try {
					new CountDownLatch(1).await(); // waits for a result nobody will read
				}
				catch (InterruptedException ex) {
					this.asyncInterrupted.set(true);
				}
			});
			assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
			return Long.toString(this.executor.pendingTasks()
				.stream()
				.filter((task) -> "request".equals(task.scope()))
				.mapToLong(PendingTaskInfo::id)
				.max()
				.orElseThrow());
		}

		@GetMapping("/request-poll")
		String requestPoll() {
			this.scheduler.forRequest().scheduleAtFixedRate(this.runs::incrementAndGet, Duration.ofMillis(5));
			await().until(() -> this.runs.get() > 0);
			long id = newestTimerIn("request");
			this.seenLive = this.scheduler.liveTimers().stream().anyMatch((timer) -> timer.id() == id);
			return Long.toString(id);
		}

		@GetMapping("/session-poll")
		String sessionPoll() {
			this.scheduler.forSession().scheduleWithFixedDelay(() -> {
			}, Duration.ofMillis(50));
			return Long.toString(newestTimerIn("session"));
		}

		@GetMapping("/logout")
		String logout(HttpSession session) {
			session.invalidate();
			return "bye";
		}

		private long newestTimerIn(String scope) {
			return this.scheduler.liveTimers()
				.stream()
				.filter((timer) -> scope.equals(timer.scope()))
				.mapToLong(TimerInfo::id)
				.max()
				.orElseThrow();
		}

	}

}
