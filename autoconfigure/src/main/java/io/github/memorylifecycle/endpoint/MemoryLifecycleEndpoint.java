package io.github.memorylifecycle.endpoint;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code memory-lifecycle} actuator endpoint: one document that shows memory use and everything the
 * memory-lifecycle features track (timers, async work, listeners, cleanup registries, caches, warnings, leak
 * suspects), one part per {@link MemoryLifecycleContributor}.
 * <p>
 * Its id is {@code memoryLifecycle} (Boot warns about dashes in ids) and it is served on the web at
 * {@code /actuator/memory-lifecycle}; {@code memory-lifecycle} works in every property that names it. It is
 * read-only by default: the write operation, which cancels a live timer or pending task, needs
 * {@code management.endpoint.memory-lifecycle.access=unrestricted}. Details taken from application objects at run
 * time (exception messages) are shown following {@code memory.lifecycle.endpoint.show-details}, like the health
 * endpoint's details: never by default. The operations here serve JMX;
 * {@link MemoryLifecycleEndpointWebExtension} serves the web with proper status codes.
 */
@Endpoint(id = "memoryLifecycle", defaultAccess = Access.READ_ONLY)
public final class MemoryLifecycleEndpoint {

	static final EndpointId ID = EndpointId.of("memoryLifecycle");

	private final ContributorParts parts;

	private final Show showDetails;

	private final Set<String> roles;

	private final EndpointLimits limits;

	/**
	 * Creates the endpoint.
	 * @param contributors the contributors, one per part
	 * @param showDetails when to show details taken from application objects at run time
	 * @param roles the roles that may see them with {@link Show#WHEN_AUTHORIZED}; empty for any authenticated user
	 * @param defaultLimit items per list when a request names no limit, 0 or more
	 * @param maxLimit the most items per list a request may ask for, at least {@code defaultLimit}
	 * @throws IllegalStateException if two contributors describe the same part or a part name is invalid
	 */
	public MemoryLifecycleEndpoint(List<MemoryLifecycleContributor> contributors, Show showDetails,
			Collection<String> roles, int defaultLimit, int maxLimit) {
		if (defaultLimit < 0 || maxLimit < defaultLimit) {
			throw new IllegalArgumentException(
					"Limits must satisfy 0 <= defaultLimit <= maxLimit but were " + defaultLimit + " and " + maxLimit);
		}
		this.parts = new ContributorParts(contributors);
		this.showDetails = showDetails;
		this.roles = Set.copyOf(roles);
		this.limits = new EndpointLimits(defaultLimit, maxLimit);
	}

	/**
	 * Returns the whole document.
	 * @param securityContext who asks, to decide whether details are shown
	 * @param limit the maximum number of items of any list, {@code null} for the default
	 * @return part name to part, in document order
	 */
	@ReadOperation
	public Map<String, @Nullable Object> document(SecurityContext securityContext, @Nullable Integer limit) {
		return OperationResponseBody
			.of(this.parts.describeAll(this.limits.resolve(limit), showDetails(securityContext)));
	}

	/**
	 * Returns one part of the document.
	 * @param securityContext who asks, to decide whether details are shown
	 * @param part the part name, for example {@code timers}
	 * @param limit the maximum number of items of any list, {@code null} for the default
	 * @return the part
	 * @throws InvalidEndpointRequestException if there is no such part or the limit is negative
	 */
	@ReadOperation
	public @Nullable Object part(SecurityContext securityContext, @Selector String part, @Nullable Integer limit) {
		requirePart(part);
		Object description = this.parts.describe(part, this.limits.resolve(limit), showDetails(securityContext));
		if (description instanceof Map<?, ?> map) {
			return OperationResponseBody.of(map);
		}
		return description;
	}

	/**
	 * Cancels one live item of a part: a timer of {@code timers}, a pending task of {@code async}. Only available
	 * when the endpoint's access is unrestricted.
	 * @param part the part, for example {@code timers}
	 * @param id the item's id, as the part shows it
	 * @return what happened
	 * @throws InvalidEndpointRequestException if there is no such part or its items cannot be cancelled
	 */
	@WriteOperation
	public Cancellation cancel(@Selector String part, long id) {
		requirePart(part);
		try {
			boolean cancelled = this.parts.contributor(part).cancel(id);
			return new Cancellation(part, id, cancelled,
					cancelled ? "Cancelled " + part + " #" + id : "No live item #" + id + " in part '" + part + "'");
		}
		catch (UnsupportedOperationException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), "Nothing to cancel");
		}
	}

	/**
	 * Cancels a tracked timer: the same as {@link #cancel(String, long) cancel("timers", timerId)}, kept for clients
	 * of the first versions. Only available when the endpoint's access is unrestricted.
	 * @param timerId the id of the timer, as shown in the {@code timers} part
	 * @return what happened
	 */
	@WriteOperation
	public Cancellation cancelTimer(long timerId) {
		if (!this.parts.names().contains("timers")) {
			return new Cancellation("timers", timerId, false, "Timers are not tracked: there is no part 'timers'");
		}
		return cancel("timers", timerId);
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

	boolean showDetails(SecurityContext securityContext) {
		return this.showDetails.isShown(securityContext, this.roles);
	}

	String unknownPartMessage(String part) {
		String echo = (part.length() > 32) ? part.substring(0, 32) + "..." : part;
		return "No part '" + echo + "' in the memory-lifecycle endpoint; known parts: "
				+ String.join(", ", this.parts.names());
	}

	private void requirePart(String part) {
		if (!this.parts.names().contains(part)) {
			throw new InvalidEndpointRequestException(unknownPartMessage(part), "Unknown part");
		}
	}

	/**
	 * The outcome of a cancellation.
	 *
	 * @param part the part the item belongs to
	 * @param id the item's id
	 * @param cancelled whether a live item was cancelled
	 * @param message what happened
	 */
	public record Cancellation(String part, long id, boolean cancelled, String message)
			implements OperationResponseBody {
	}

}
