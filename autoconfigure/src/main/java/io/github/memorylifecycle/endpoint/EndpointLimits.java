package io.github.memorylifecycle.endpoint;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * Resolves the {@code limit} parameter of the endpoint: absent means the default limit, a value above the maximum is
 * lowered to the maximum, a negative or non-numeric value is an invalid request.
 *
 * @param defaultLimit items per list when the request names no limit
 * @param maxLimit the most items per list a request may ask for
 */
record EndpointLimits(int defaultLimit, int maxLimit) {

	private static final int ECHO_LENGTH = 32;

	private static final Pattern WHOLE_NUMBER = Pattern.compile("\\+?[0-9]+");

	/**
	 * Resolves a requested limit.
	 * @param requested the requested limit, {@code null} for the default
	 * @return the limit to apply
	 * @throws InvalidEndpointRequestException if the limit is negative
	 */
	int resolve(@Nullable Integer requested) {
		if (requested == null) {
			return this.defaultLimit;
		}
		if (requested < 0) {
			throw invalid(requested.toString());
		}
		return Math.min(requested, this.maxLimit);
	}

	/**
	 * Parses a limit given as text, as in a query parameter.
	 * @param text the text, {@code null} or blank for the default
	 * @return the requested limit, {@code null} for the default
	 * @throws InvalidEndpointRequestException if the text is not a whole number
	 */
	@Nullable Integer parse(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String number = text.trim();
		if (!WHOLE_NUMBER.matcher(number).matches()) {
			throw invalid(text);
		}
		// a whole number too large for an int is lowered to the maximum like any other large limit
		String digits = number.replaceFirst("^\\+?0*(?=.)", "");
		return (digits.length() > 10) ? Integer.MAX_VALUE : (int) Math.min(Long.parseLong(digits), Integer.MAX_VALUE);
	}

	private InvalidEndpointRequestException invalid(String value) {
		String echo = (value.length() > ECHO_LENGTH) ? value.substring(0, ECHO_LENGTH) + "..." : value;
		String message = "Invalid limit '" + echo + "': it must be a whole number of 0 or more (default "
				+ this.defaultLimit + ", at most " + this.maxLimit + " items per list are shown)";
		return new InvalidEndpointRequestException(message, "Invalid limit");
	}

}
