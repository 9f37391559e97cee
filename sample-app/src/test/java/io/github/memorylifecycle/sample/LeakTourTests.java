package io.github.memorylifecycle.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every pattern of the tour over real HTTP: N requests at a leaky endpoint make its figure in
 * {@code /actuator/memory-lifecycle} grow by N, the same N at the fixed endpoint leave it where it was. Each test
 * starts from a reset, collected, settled sample.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LeakTourTests {

	private static final int REQUESTS = 20;

	@LocalServerPort
	int port;

	private SampleClient sample;

	@BeforeEach
	void resetTheTour() {
		this.sample = new SampleClient(this.port);
		this.sample.resetAndSettle();
	}

	@Test
	void leakyClosuresStayReachableAndBecomeOneSuspectPerRequest() {
		long watched = this.sample.watched();
		for (int i = 1; i <= REQUESTS; i++) {
			assertThat(this.sample.post("/leaks/closure/leaky"))
				.isEqualTo("report of 262144 bytes rendered; " + i + " refresh callback(s) held");
			awaitWatched(watched + i);
		}
		this.sample.collectUntilSettled();
		assertThat(this.sample.suspectedObjects()).isEqualTo(REQUESTS);
		assertThat(suspectGroup("refresh callback").path("className").asString())
			.startsWith(ClosureLeakController.class.getName());
	}

	@Test
	void fixedClosuresLeaveTheirListWithTheirRequestAndAreNeverSuspected() {
		long watched = this.sample.watched();
		for (int i = 1; i <= REQUESTS; i++) {
			assertThat(this.sample.post("/leaks/closure/fixed"))
				.isEqualTo("report of 262144 bytes rendered; 1 refresh callback(s) held");
			awaitWatched(watched + i); // the removal runs before the watch: the request has fully ended
		}
		assertCollectedAndNeverSuspected(watched);
	}

	@Test
	void leakyTimersStayLiveAfterTheirRequests() {
		for (int i = 1; i <= REQUESTS; i++) {
			assertThat(this.sample.post("/leaks/timer/leaky")).isEqualTo("2 samples collected");
			assertThat(this.sample.liveTimers()).isEqualTo(i);
		}
	}

	@Test
	void fixedTimersAreCancelledWhenTheirRequestsEnd() {
		List<Long> liveAfterAnswer = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			assertThat(this.sample.post("/leaks/timer/fixed")).isEqualTo("2 samples collected");
			liveAfterAnswer.add(this.sample.liveTimers());
			awaitZero("live timers", this.sample::liveTimers);
		}
		// at most the timer of the request that just answered, while its request finishes ending
		assertThat(liveAfterAnswer).allSatisfy((count) -> assertThat(count).isLessThanOrEqualTo(1));
	}

	@Test
	void leakyListenersStayRegisteredAndReceiveEveryLaterEvent() {
		for (int i = 1; i <= REQUESTS; i++) {
			assertThat(this.sample.post("/leaks/listener/leaky")).isEqualTo("price shown by " + i + " display(s)");
			assertThat(this.sample.liveListeners()).isEqualTo(i);
		}
	}

	@Test
	void fixedListenersAreRemovedWhenTheirRequestsEnd() {
		List<Long> liveAfterAnswer = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			assertThat(this.sample.post("/leaks/listener/fixed")).isEqualTo("price shown by 1 display(s)");
			liveAfterAnswer.add(this.sample.liveListeners());
			awaitZero("runtime listeners", this.sample::liveListeners);
		}
		assertThat(liveAfterAnswer).allSatisfy((count) -> assertThat(count).isLessThanOrEqualTo(1));
	}

	@Test
	void leakyCacheKeepsEveryEntryAndIsReportedUnbounded() {
		this.sample.fire("cache", "leaky", REQUESTS);
		JsonNode leaky = this.sample.cache("leaky-quotes");
		assertThat(leaky.path("estimatedSize").asLong()).isEqualTo(REQUESTS);
		assertThat(leaky.path("bound").asString()).isEqualTo("unbounded");
		JsonNode warnings = this.sample.part("warnings");
		assertThat(warnings.path("counts").path("caches").asLong()).isPositive();
		assertThat(warnings.path("items")).anySatisfy((warning) -> {
			assertThat(warning.path("kind").asString()).isEqualTo("caches");
			assertThat(warning.path("message").asString()).contains("'leaky-quotes'").contains("has no bound");
		});
	}

	@Test
	void fixedCacheStaysWithinItsBound() {
		String last = this.sample.fire("cache", "fixed", REQUESTS);
		assertThat(last).startsWith("quote ").endsWith(" cached");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode bounded = this.sample.cache("quotes");
			assertThat(bounded.path("bound").asString()).isEqualTo("entries");
			assertThat(bounded.path("maximum").asLong()).isEqualTo(CacheLeakController.FIXED_BOUND);
			assertThat(bounded.path("estimatedSize").asLong()).isEqualTo(CacheLeakController.FIXED_BOUND);
		});
		assertThat(this.sample.cache("leaky-quotes").path("estimatedSize").asLong()).isZero();
	}

	@Test
	void leakyGlobalFieldKeepsUploadsThatBecomeOneSuspectPerRequest() {
		long watched = this.sample.watched();
		for (int i = 1; i <= REQUESTS; i++) {
			assertThat(this.sample.post("/leaks/global/leaky"))
				.isEqualTo("upload of 65536 bytes parked; " + i + " upload(s) parked");
			awaitWatched(watched + i);
		}
		this.sample.collectUntilSettled();
		assertThat(this.sample.suspectedObjects()).isEqualTo(REQUESTS);
		assertThat(suspectGroup("parked upload").path("kind").asString()).isEqualTo("user");
	}

	@Test
	void fixedGlobalFieldReleasesUploadsThatAreNeverSuspected() {
		long watched = this.sample.watched();
		for (int i = 1; i <= REQUESTS; i++) {
			assertThat(this.sample.post("/leaks/global/fixed"))
				.isEqualTo("upload of 65536 bytes parked; 1 upload(s) parked");
			awaitWatched(watched + i);
		}
		assertCollectedAndNeverSuspected(watched);
	}

	@Test
	void selfReferencingAndPlainNodesAreBothCollectedByTheTracingCollector() {
		for (String variant : List.of("leaky", "fixed")) {
			long watched = this.sample.watched();
			String last = this.sample.fire("cycle", variant, REQUESTS);
			assertThat(last).startsWith("node of 65536 bytes made, next = ");
			assertCollectedAndNeverSuspected(watched);
		}
		assertThat(this.sample.part("leaks").path("items"))
			.noneSatisfy((group) -> assertThat(group.path("className").asString())
				.isEqualTo(CycleDemoController.Node.class.getName()));
	}

	private void assertCollectedAndNeverSuspected(long watchedBefore) {
		awaitWatched(watchedBefore + REQUESTS);
		this.sample.collectUntilSettled();
		assertThat(this.sample.suspectedObjects()).isZero();
	}

	private void awaitWatched(long count) {
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(this.sample::watched, (watched) -> watched == count);
	}

	private void awaitZero(String what, LongSupplier figure) {
		await(what).atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(figure::getAsLong, (value) -> value == 0);
	}

	private JsonNode suspectGroup(String description) {
		for (JsonNode group : this.sample.part("leaks").path("items")) {
			if (description.equals(group.path("description").asString())
					&& "retained".equals(group.path("status").asString())) {
				return group;
			}
		}
		throw new AssertionError("No retained suspect group described as '" + description + "'");
	}

}
