package io.github.memorylifecycle.endpoint;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EndpointLimitsTests {

	private final EndpointLimits limits = new EndpointLimits(100, 1000);

	@Test
	void absentOrBlankTextMeansTheDefault() {
		assertThat(this.limits.parse(null)).isNull();
		assertThat(this.limits.parse(" ")).isNull();
		assertThat(this.limits.resolve(null)).isEqualTo(100);
	}

	@Test
	void wholeNumberIsParsed() {
		assertThat(this.limits.parse("25")).isEqualTo(25);
		assertThat(this.limits.resolve(25)).isEqualTo(25);
	}

	@Test
	void nonNumericTextIsAnInvalidRequest() {
		assertThatExceptionOfType(InvalidEndpointRequestException.class).isThrownBy(() -> this.limits.parse("ten"))
			.withMessage("Invalid limit 'ten': it must be a whole number of 0 or more "
					+ "(default 100, at most 1000 items per list are shown)");
	}

	@Test
	void numberTooLargeForAnIntIsLoweredToTheMaximumLikeAnyLargeLimit() {
		assertThat(this.limits.resolve(this.limits.parse("99999999999"))).isEqualTo(this.limits.maxLimit());
		assertThat(this.limits.resolve(this.limits.parse("2147483647"))).isEqualTo(this.limits.maxLimit());
		assertThat(this.limits.resolve(this.limits.parse("+0000000000000000000000012"))).isEqualTo(12);
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.limits.parse("-99999999999"));
	}

	@Test
	void longTextIsShortenedInTheMessage() {
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.limits.parse("x".repeat(500)))
			.withMessageContaining("'" + "x".repeat(32) + "...'");
	}

}
