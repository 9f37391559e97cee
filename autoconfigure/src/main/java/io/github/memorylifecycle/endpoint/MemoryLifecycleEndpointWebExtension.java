package io.github.memorylifecycle.endpoint;

import io.github.memorylifecycle.endpoint.MemoryLifecycleEndpoint.Cancellation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * Serves {@link MemoryLifecycleEndpoint} on the web with status codes that say what went wrong, each with a JSON
 * body that explains it: 404 for an unknown part or item, 400 for a {@code limit} that is not a whole number of 0 or
 * more and for a cancellation in a part that has nothing to cancel.
 */
@EndpointWebExtension(endpoint = MemoryLifecycleEndpoint.class)
public final class MemoryLifecycleEndpointWebExtension {

	private final MemoryLifecycleEndpoint endpoint;

	/**
	 * Creates the extension.
	 * @param endpoint the endpoint it serves
	 */
	public MemoryLifecycleEndpointWebExtension(MemoryLifecycleEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	/**
	 * {@code GET /actuator/memory-lifecycle}: the whole document.
	 * @param securityContext who asks, to decide whether details are shown
	 * @param limit the maximum number of items of any list, as given in the query
	 * @return the document, or 400
	 */
	@ReadOperation
	public WebEndpointResponse<Object> document(SecurityContext securityContext, @Nullable String limit) {
		try {
			return new WebEndpointResponse<>(
					this.endpoint.document(securityContext, this.endpoint.limits().parse(limit)));
		}
		catch (InvalidEndpointRequestException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", ex.getMessage());
		}
	}

	/**
	 * {@code GET /actuator/memory-lifecycle/{part}}: one part.
	 * @param securityContext who asks, to decide whether details are shown
	 * @param part the part name
	 * @param limit the maximum number of items of any list, as given in the query
	 * @return the part, 404 or 400
	 */
	@ReadOperation
	public WebEndpointResponse<Object> part(SecurityContext securityContext, @Selector String part,
			@Nullable String limit) {
		if (!this.endpoint.parts().contains(part)) {
			return unknownPart(part);
		}
		try {
			Object description = this.endpoint.part(securityContext, part, this.endpoint.limits().parse(limit));
			return (description != null) ? new WebEndpointResponse<>(description)
					: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NO_CONTENT);
		}
		catch (InvalidEndpointRequestException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", ex.getMessage());
		}
	}

	/**
	 * {@code POST /actuator/memory-lifecycle/{part}} with {@code {"id": 12}}: cancels a live timer ({@code timers})
	 * or pending task ({@code async}).
	 * @param part the part
	 * @param id the item's id
	 * @return 200 when cancelled, 404 when there is no such part or live item, 400 when the part has nothing to
	 * cancel
	 */
	@WriteOperation
	public WebEndpointResponse<Object> cancel(@Selector String part, long id) {
		if (!this.endpoint.parts().contains(part)) {
			return unknownPart(part);
		}
		try {
			return cancellation(this.endpoint.cancel(part, id));
		}
		catch (InvalidEndpointRequestException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", ex.getMessage());
		}
	}

	/**
	 * {@code POST /actuator/memory-lifecycle} with {@code {"timerId": 12}}: cancels a timer, the same as
	 * {@code POST /actuator/memory-lifecycle/timers} with {@code {"id": 12}}.
	 * @param timerId the timer id
	 * @return 200 when cancelled, 404 when there is no such live timer
	 */
	@WriteOperation
	public WebEndpointResponse<Object> cancelTimer(long timerId) {
		return cancellation(this.endpoint.cancelTimer(timerId));
	}

	private WebEndpointResponse<Object> unknownPart(String part) {
		return error(WebEndpointResponse.STATUS_NOT_FOUND, "Not Found", this.endpoint.unknownPartMessage(part));
	}

	private static WebEndpointResponse<Object> cancellation(Cancellation cancellation) {
		return new WebEndpointResponse<>(cancellation,
				cancellation.cancelled() ? WebEndpointResponse.STATUS_OK : WebEndpointResponse.STATUS_NOT_FOUND);
	}

	private static WebEndpointResponse<Object> error(int status, String error, @Nullable String message) {
		return new WebEndpointResponse<>(new ErrorDescriptor(status, error, message), status);
	}

	/**
	 * Body of an error response.
	 *
	 * @param status the HTTP status
	 * @param error the reason phrase
	 * @param message what was wrong and how to ask instead
	 */
	public record ErrorDescriptor(int status, String error, @Nullable String message) implements OperationResponseBody {
	}

}
