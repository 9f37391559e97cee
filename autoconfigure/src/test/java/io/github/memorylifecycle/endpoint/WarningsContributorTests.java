package io.github.memorylifecycle.endpoint;

import java.time.Clock;

import io.github.memorylifecycle.endpoint.WarningsContributor.WarningsDescriptor;
import io.github.memorylifecycle.warning.LifecycleWarning;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WarningsContributorTests {

	private final LifecycleWarnings warnings = new LifecycleWarnings(3, Clock.systemUTC());

	private final WarningsContributor contributor = new WarningsContributor(this.warnings);

	@Test
	void describesCountsPerKindAndRecentWarningsNewestFirst() {
		this.warnings.warn("memory", "first");
		this.warnings.warn("timers", "second");
		this.warnings.warn("memory", "third");
		WarningsDescriptor description = this.contributor.describe(100);
		assertThat(this.contributor.part()).isEqualTo("warnings");
		assertThat(description.total()).isEqualTo(3);
		assertThat(description.counts()).containsEntry("memory", 2L).containsEntry("timers", 1L);
		assertThat(description.items()).extracting(LifecycleWarning::message).containsExactly("third", "second", "first");
	}

	@Test
	void itemsAreCappedAtTheLimitAndCountsStillCoverEverything() {
		for (int i = 0; i < 5; i++) {
			this.warnings.warn("listeners", "warning " + i);
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
