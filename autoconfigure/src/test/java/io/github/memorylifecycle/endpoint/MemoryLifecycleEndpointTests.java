package io.github.memorylifecycle.endpoint;

import java.util.List;
import java.util.Map;

import io.github.memorylifecycle.endpoint.MemoryLifecycleEndpoint.TimerCancellation;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MemoryLifecycleEndpointTests {

	@Test
	void documentListsWellKnownPartsFirstThenOthersAlphabetically() {
		MemoryLifecycleEndpoint endpoint = endpoint(new StubContributor("zeta", 1), new StubContributor("async", 1),
				new StubContributor("caches", 1), new StubContributor("timers", 1), new StubContributor("memory", 1));
		assertThat(endpoint.document(null).keySet()).containsExactly("memory", "timers", "caches", "leaks", "async",
				"zeta");
		assertThat(endpoint.parts()).containsExactly("memory", "timers", "caches", "leaks", "async", "zeta");
	}

	@Test
	void leaksIsAnEmptyListUntilALeakContributorExists() {
		assertThat(endpoint().document(null)).containsEntry("leaks", List.of());
	}

	@Test
	void leakContributorReplacesTheEmptyLeaks() {
		MemoryLifecycleEndpoint endpoint = endpoint(new StubContributor("leaks", 2));
		Object leaks = endpoint.part("leaks", null);
		assertThat(leaks).isInstanceOf(Map.class);
		assertThat(((Map<?, ?>) leaks).get("live")).isEqualTo(2);
	}

	@Test
	void twoContributorsForOnePartFailNamingBoth() {
		assertThatIllegalStateException()
			.isThrownBy(() -> endpoint(new StubContributor("timers", 1), new ThrowingContributor("timers")))
			.withMessageContaining("'timers'")
			.withMessageContaining(StubContributor.class.getName())
			.withMessageContaining(ThrowingContributor.class.getName());
	}

	@Test
	void partNameMustBeLowercase() {
		assertThatIllegalStateException().isThrownBy(() -> endpoint(new StubContributor("Timers", 1)))
			.withMessageContaining("'Timers'")
			.withMessageContaining("lowercase");
	}

	@Test
	void contributorThatThrowsDoesNotBreakTheDocument() {
		MemoryLifecycleEndpoint endpoint = endpoint(new ThrowingContributor("caches"), new StubContributor("timers", 1));
		Map<String, Object> document = endpoint.document(null);
		assertThat(document).containsEntry("caches", Map.of("error", IllegalStateException.class.getName()));
		assertThat(document.get("timers")).isInstanceOf(Map.class);
	}

	@Test
	void listsHoldTheDefaultLimitWhenNoLimitIsGiven() {
		MemoryLifecycleEndpoint endpoint = new MemoryLifecycleEndpoint(List.of(new StubContributor("timers", 10)),
				List.of(), 3, 5);
		assertThat(items(endpoint.part("timers", null))).hasSize(3);
	}

	@Test
	void limitAboveTheMaximumIsLoweredToTheMaximum() {
		MemoryLifecycleEndpoint endpoint = new MemoryLifecycleEndpoint(List.of(new StubContributor("timers", 10)),
				List.of(), 3, 5);
		assertThat(items(endpoint.part("timers", 1000))).hasSize(5);
		assertThat(items(endpoint.part("timers", 0))).isEmpty();
	}

	@Test
	void negativeLimitIsAnInvalidRequest() {
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> endpoint(new StubContributor("timers", 1)).document(-1))
			.withMessageContaining("Invalid limit '-1'")
			.withMessageContaining("0 or more");
	}

	@Test
	void unknownPartIsAnInvalidRequestThatListsTheKnownParts() {
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> endpoint(new StubContributor("timers", 1)).part("timer", null))
			.withMessage("No part 'timer' in the memory-lifecycle endpoint; known parts: timers, leaks");
	}

	@Test
	void limitsMustBeOrdered() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MemoryLifecycleEndpoint(List.of(), List.of(), 10, 5));
		assertThatIllegalArgumentException().isThrownBy(() -> new MemoryLifecycleEndpoint(List.of(), List.of(), -1, 5));
	}

	@Test
	void cancelTimerAsksEachCancellerUntilOneKnowsTheTimer() {
		MemoryLifecycleEndpoint endpoint = new MemoryLifecycleEndpoint(List.of(),
				List.of((id) -> false, (id) -> id == 7), 100, 1000);
		assertThat(endpoint.cancelTimer(7)).isEqualTo(new TimerCancellation(7, true, "Timer 7 cancelled"));
		assertThat(endpoint.cancelTimer(8)).isEqualTo(new TimerCancellation(8, false, "No live timer with id 8"));
	}

	@Test
	void cancelTimerWithoutTimerTrackingSaysSo() {
		TimerCancellation cancellation = endpoint().cancelTimer(7);
		assertThat(cancellation.cancelled()).isFalse();
		assertThat(cancellation.message()).contains("Timers are not tracked");
	}

	private static MemoryLifecycleEndpoint endpoint(MemoryLifecycleContributor... contributors) {
		return new MemoryLifecycleEndpoint(List.of(contributors), List.of(), 100, 1000);
	}

	private static List<?> items(Object part) {
		return (List<?>) ((Map<?, ?>) part).get("items");
	}

	static final class ThrowingContributor implements MemoryLifecycleContributor {

		private final String part;

		ThrowingContributor(String part) {
			this.part = part;
		}

		@Override
		public String part() {
			return this.part;
		}

		@Override
		public Object describe(int limit) {
			throw new IllegalStateException("broken");
		}

	}

}
