package io.github.memorylifecycle.endpoint;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.memorylifecycle.endpoint.MemoryLifecycleEndpoint.Cancellation;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MemoryLifecycleEndpointTests {

	private static final SecurityContext NOBODY = SecurityContext.NONE;

	@Test
	void documentListsPartsInTheContributorsOrderThenByName() {
		MemoryLifecycleEndpoint endpoint = endpoint(new StubContributor("zeta", 1), new StubContributor("async", 1, 250),
				new StubContributor("caches", 1, 500), new StubContributor("timers", 1, 200),
				new StubContributor("memory", 1, 100), new StubContributor("alpha", 1));
		assertThat(endpoint.document(NOBODY, null).keySet()).containsExactly("memory", "timers", "async", "caches",
				"alpha", "zeta");
		assertThat(endpoint.parts()).containsExactly("memory", "timers", "async", "caches", "alpha", "zeta");
	}

	@Test
	void aPartWithoutContributorIsAbsentNotAPlaceholder() {
		assertThat(endpoint(new StubContributor("timers", 1)).document(NOBODY, null)).containsOnlyKeys("timers");
	}

	@Test
	void showsDetailsOnlyAsShowDetailsAllows() {
		StubContributor timers = new StubContributor("timers", 1);
		assertThat(details(endpoint(Show.NEVER, Set.of(), timers), NOBODY)).isFalse();
		assertThat(details(endpoint(Show.NEVER, Set.of(), timers), user("ADMIN"))).isFalse();
		assertThat(details(endpoint(Show.ALWAYS, Set.of(), timers), NOBODY)).isTrue();
		assertThat(details(endpoint(Show.WHEN_AUTHORIZED, Set.of(), timers), NOBODY)).isFalse();
		assertThat(details(endpoint(Show.WHEN_AUTHORIZED, Set.of(), timers), user("USER"))).isTrue();
		assertThat(details(endpoint(Show.WHEN_AUTHORIZED, Set.of("ADMIN"), timers), user("USER"))).isFalse();
		assertThat(details(endpoint(Show.WHEN_AUTHORIZED, Set.of("ADMIN"), timers), user("ADMIN"))).isTrue();
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
		Map<String, Object> document = endpoint.document(NOBODY, null);
		assertThat(document).containsEntry("caches", Map.of("error", IllegalStateException.class.getName()));
		assertThat(document.get("timers")).isInstanceOf(Map.class);
	}

	@Test
	void listsHoldTheDefaultLimitWhenNoLimitIsGiven() {
		MemoryLifecycleEndpoint endpoint = new MemoryLifecycleEndpoint(List.of(new StubContributor("timers", 10)),
				Show.NEVER, Set.of(), 3, 5);
		assertThat(items(endpoint.part(NOBODY, "timers", null))).hasSize(3);
	}

	@Test
	void limitAboveTheMaximumIsLoweredToTheMaximum() {
		MemoryLifecycleEndpoint endpoint = new MemoryLifecycleEndpoint(List.of(new StubContributor("timers", 10)),
				Show.NEVER, Set.of(), 3, 5);
		assertThat(items(endpoint.part(NOBODY, "timers", 1000))).hasSize(5);
		assertThat(items(endpoint.part(NOBODY, "timers", 0))).isEmpty();
	}

	@Test
	void negativeLimitIsAnInvalidRequest() {
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> endpoint(new StubContributor("timers", 1)).document(NOBODY, -1))
			.withMessageContaining("Invalid limit '-1'")
			.withMessageContaining("0 or more");
	}

	@Test
	void unknownPartIsAnInvalidRequestThatListsTheKnownParts() {
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> endpoint(new StubContributor("timers", 1), new StubContributor("leaks", 1))
				.part(NOBODY, "timer", null))
			.withMessage("No part 'timer' in the memory-lifecycle endpoint; known parts: leaks, timers");
	}

	@Test
	void limitsMustBeOrdered() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MemoryLifecycleEndpoint(List.of(), Show.NEVER, Set.of(), 10, 5));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MemoryLifecycleEndpoint(List.of(), Show.NEVER, Set.of(), -1, 5));
	}

	@Test
	void cancelAsksThePartsContributorOnce() {
		MemoryLifecycleEndpoint endpoint = endpoint(new StubContributor("async", 3));
		assertThat(endpoint.cancel("async", 1)).isEqualTo(new Cancellation("async", 1, true, "Cancelled async #1"));
		assertThat(endpoint.cancel("async", 1).cancelled()).isFalse();
		assertThat(endpoint.cancel("async", 8).message()).isEqualTo("No live item #8 in part 'async'");
	}

	@Test
	void cancelInAPartWithNothingToCancelOrNoPartIsAnInvalidRequest() {
		MemoryLifecycleEndpoint endpoint = endpoint(new ThrowingContributor("caches"));
		assertThatExceptionOfType(InvalidEndpointRequestException.class).isThrownBy(() -> endpoint.cancel("caches", 1))
			.withMessage("Part 'caches' has nothing to cancel");
		assertThatExceptionOfType(InvalidEndpointRequestException.class).isThrownBy(() -> endpoint.cancel("nope", 1))
			.withMessageContaining("No part 'nope'");
	}

	@Test
	void cancelTimerIsCancelInTheTimersPart() {
		assertThat(endpoint(new StubContributor("timers", 3)).cancelTimer(1))
			.isEqualTo(new Cancellation("timers", 1, true, "Cancelled timers #1"));
		Cancellation withoutTimers = endpoint().cancelTimer(7);
		assertThat(withoutTimers.cancelled()).isFalse();
		assertThat(withoutTimers.message()).contains("Timers are not tracked");
	}

	private static boolean details(MemoryLifecycleEndpoint endpoint, SecurityContext securityContext) {
		return ((Map<?, ?>) endpoint.part(securityContext, "timers", null)).containsKey("detail");
	}

	private static SecurityContext user(String role) {
		return new SecurityContext() {

			@Override
			public Principal getPrincipal() {
				return () -> "someone";
			}

			@Override
			public boolean isUserInRole(String candidate) {
				return candidate.equals(role);
			}

		};
	}

	private static MemoryLifecycleEndpoint endpoint(Show showDetails, Set<String> roles,
			MemoryLifecycleContributor... contributors) {
		return new MemoryLifecycleEndpoint(List.of(contributors), showDetails, roles, 100, 1000);
	}

	private static MemoryLifecycleEndpoint endpoint(MemoryLifecycleContributor... contributors) {
		return endpoint(Show.NEVER, Set.of(), contributors);
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
