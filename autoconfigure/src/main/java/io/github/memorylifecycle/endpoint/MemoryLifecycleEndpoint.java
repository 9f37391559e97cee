package io.github.memorylifecycle.endpoint;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code memory-lifecycle} actuator endpoint: one document that shows memory use and everything the
 * memory-lifecycle features track (timers, listeners, cleanup registries, caches, warnings, leak suspects), one
 * part per {@link MemoryLifecycleContributor}.
 * <p>
 * Its id is {@code memoryLifecycle} (Boot warns about dashes in ids) and it is served on the web at
 * {@code /actuator/memory-lifecycle}; {@code memory-lifecycle} works in every property that names it. It is
 * read-only by default: the write operation, which cancels a timer, needs
 * {@code management.endpoint.memory-lifecycle.access=unrestricted}. The operations here serve JMX;
 * {@link MemoryLifecycleEndpointWebExtension} serves the web with proper status codes.
 */
@Endpoint(id = "memoryLifecycle", defaultAccess = Access.READ_ONLY)
public final class MemoryLifecycleEndpoint {

	static final EndpointId ID = EndpointId.of("memoryLifecycle");

	private final ContributorParts parts;

	private final List<TimerCanceller> timerCancellers;

	private final EndpointLimits limits;

	/**
	 * Creates the endpoint.
	 * @param contributors the contributors, one per part
	 * @param timerCancellers what can cancel timers, asked in order
	 * @param defaultLimit items per list when a request names no limit, 0 or more
	 * @param maxLimit the most items per list a request may ask for, at least {@code defaultLimit}
	 * @throws IllegalStateException if two contributors describe the same part or a part name is invalid
	 */
	public MemoryLifecycleEndpoint(List<MemoryLifecycleContributor> contributors,
			List<TimerCanceller> timerCancellers, int defaultLimit, int maxLimit) {
		if (defaultLimit < 0 || maxLimit < defaultLimit) {
			throw new IllegalArgumentException(
					"Limits must satisfy 0 <= defaultLimit <= maxLimit but were " + defaultLimit + " and " + maxLimit);
		}
		this.parts = new ContributorParts(contributors);
		this.timerCancellers = List.copyOf(timerCancellers);
		this.limits = new EndpointLimits(defaultLimit, maxLimit);
	}

	/**
	 * Returns the whole document.
	 * @param limit the maximum number of items of any list, {@code null} for the default
	 * @return part name to part, in a stable order
	 */
	@ReadOperation
	public Map<String, @Nullable Object> document(@Nullable Integer limit) {
		return OperationResponseBody.of(this.parts.describeAll(this.limits.resolve(limit)));
	}

	/**
	 * Returns one part of the document.
	 * @param part the part name, for example {@code timers}
	 * @param limit the maximum number of items of any list, {@code null} for the default
	 * @return the part
	 * @throws InvalidEndpointRequestException if there is no such part or the limit is negative
	 */
	@ReadOperation
	public @Nullable Object part(@Selector String part, @Nullable Integer limit) {
		if (!this.parts.names().contains(part)) {
			throw new InvalidEndpointRequestException(unknownPartMessage(part), "Unknown part");
		}
		Object description = this.parts.describe(part, this.limits.resolve(limit));
		if (description instanceof Map<?, ?> map) {
			return OperationResponseBody.of(map);
		}
		return description;
	}

	/**
	 * Cancels a tracked timer. Only available when the endpoint's access is unrestricted.
	 * @param timerId the id of the timer, as shown in the {@code timers} part
	 * @return what happened
	 */
	@WriteOperation
	public TimerCancellation cancelTimer(long timerId) {
		if (this.timerCancellers.isEmpty()) {
			return new TimerCancellation(timerId, false, "Timers are not tracked: no TimerCanceller is available");
		}
		for (TimerCanceller canceller : this.timerCancellers) {
			if (canceller.cancelTimer(timerId)) {
				return new TimerCancellation(timerId, true, "Timer " + timerId + " cancelled");
			}
		}
		return new TimerCancellation(timerId, false, "No live timer with id " + timerId);
	}

	/**
	 * Returns the names of the parts, in document order.
	 * @return the part names
	 */
	public Set<String> parts() {
		return this.parts.names();
	}

	EndpointLimits limits() {
		return this.limits;
	}

	String unknownPartMessage(String part) {
		String echo = (part.length() > 32) ? part.substring(0, 32) + "..." : part;
		return "No part '" + echo + "' in the memory-lifecycle endpoint; known parts: "
				+ String.join(", ", this.parts.names());
	}

	/**
	 * The outcome of a timer cancellation.
	 *
	 * @param timerId the timer id
	 * @param cancelled whether a live timer was cancelled
	 * @param message what happened
	 */
	public record TimerCancellation(long timerId, boolean cancelled, String message) implements OperationResponseBody {
	}

}
