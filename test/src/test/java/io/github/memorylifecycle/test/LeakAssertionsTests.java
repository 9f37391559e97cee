package io.github.memorylifecycle.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.memorylifecycle.scheduling.TrackedTaskScheduler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The programmatic form, for code outside JUnit, and the list of auto-configurations a slice imports.
 */
class LeakAssertionsTests {

	@Test
	void assertNoLeaksOfAContextComparesWithTheStateWhenItBecameReady() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PlainApplication.class)
			.web(WebApplicationType.NONE)
			.run("--spring.main.banner-mode=off")) {
			assertThatNoException().isThrownBy(() -> LeakAssertions.assertNoLeaks(context));
			context.getBean(TrackedTaskScheduler.class).scheduleWithFixedDelay(() -> {
			}, Duration.ofMinutes(5));
			assertThatThrownBy(() -> LeakAssertions.assertNoLeaks(context))
				.hasMessageContaining("1 timer left running: fixed-delay PT5M, "
						+ LeakAssertionsTests.class.getName() + ".assertNoLeaksOfAContextComparesWithTheStateWhen");
		}
	}

	@Test
	void aCheckpointBlamesOnlyWhatCameAfterItAndCancelsTheLeakedTimer() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PlainApplication.class)
			.web(WebApplicationType.NONE)
			.run("--spring.main.banner-mode=off")) {
			TrackedTaskScheduler scheduler = context.getBean(TrackedTaskScheduler.class);
			scheduler.scheduleWithFixedDelay(() -> {
			}, Duration.ofMinutes(5)); // before the checkpoint: not blamed
			LeakCheckpoint checkpoint = LeakAssertions.checkpoint(context);
			scheduler.scheduleAtFixedRate(() -> {
			}, Duration.ofMinutes(1));
			assertThatThrownBy(() -> LeakAssertions.assertNoLeaks(checkpoint, Duration.ZERO))
				.hasMessageContaining("1 timer left running: fixed-rate PT1M")
				.hasMessageNotContaining("PT5M");
			assertThat(scheduler.liveTimers()).hasSize(1); // the leaked one was cancelled after it was reported
		}
	}

	@Test
	void slicesImportEveryAutoConfigurationOfTheStarter() throws IOException {
		assertThat(lines("META-INF/spring/io.github.memorylifecycle.test.AutoConfigureMemoryLifecycle.imports"))
			.containsExactlyElementsOf(
					lines("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"));
	}

	private static List<String> lines(String resource) throws IOException {
		try (InputStream in = new ClassPathResource(resource).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter((l) -> !l.isBlank()).toList();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class PlainApplication {

	}

}
