package io.github.memorylifecycle.warning;

import java.time.Clock;

import io.github.memorylifecycle.warning.WarningsContributor.WarningsDescriptor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WarningsContributorTests {

	private final LifecycleWarnings warnings = new LifecycleWarnings(3, Clock.systemUTC());

	private final WarningsContributor contributor = new WarningsContributor(this.warnings);

	@Test
	void describesCountsPerKindAndRecentWarningsNewestFirst() {
		this.warnings.warn(WarningKind.MEMORY, "first");
		this.warnings.warn(WarningKind.TIMERS, "second");
		this.warnings.warn(WarningKind.MEMORY, "third");
		WarningsDescriptor description = this.contributor.describe(100);
		assertThat(this.contributor.part()).isEqualTo("warnings");
		assertThat(description.total()).isEqualTo(3);
		assertThat(description.counts()).containsEntry("memory", 2L).containsEntry("timers", 1L);
		assertThat(description.items()).extracting(LifecycleWarning::message).containsExactly("third", "second", "first");
	}

	@Test
	void itemsAreCappedAtTheLimitAndCountsStillCoverEverything() {
		for (int i = 0; i < 5; i++) {
			this.warnings.warn(WarningKind.LISTENERS, "warning " + i);
		}
		WarningsDescriptor description = this.contributor.describe(2);
		assertThat(description.total()).isEqualTo(5);
		assertThat(description.retained()).isEqualTo(3);
		assertThat(description.items()).extracting(LifecycleWarning::message).containsExactly("warning 4", "warning 3");
	}

	@Test
	void noWarningsYet() {
		WarningsDescriptor description = this.contributor.describe(100);
		assertThat(description.total()).isZero();
		assertThat(description.counts()).isEmpty();
		assertThat(description.items()).isEmpty();
	}

}
