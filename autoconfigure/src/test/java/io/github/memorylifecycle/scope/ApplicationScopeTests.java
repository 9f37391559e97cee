package io.github.memorylifecycle.scope;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationScopeTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ScopeAutoConfiguration.class));

	@Test
	void cleanupsRunInReverseOrderWhenTheContextClosesWhileExecutorsStillAcceptWork() {
		List<String> ran = new ArrayList<>();
		this.contextRunner.withUserConfiguration(SchedulerConfiguration.class).run((context) -> {
			ApplicationCleanupRegistry registry = context.getBean(ApplicationCleanupRegistry.class);
			ThreadPoolTaskScheduler scheduler = context.getBean(ThreadPoolTaskScheduler.class);
			registry.register("first", () -> ran.add("first"));
			registry.register("scheduler alive",
					() -> ran.add("scheduler shut down: " + scheduler.getScheduledExecutor().isShutdown()));
			assertThat(registry.pending()).isEqualTo(2);
			assertThat(ran).isEmpty();
		});
		assertThat(ran).containsExactly("scheduler shut down: false", "first");
	}

	@Test
	void theOwnerRegistryRunsWhatIsLeftWhenTheContextCloses() {
		List<String> ran = new ArrayList<>();
		Object owner = new Object();
		this.contextRunner.run((context) -> context.getBean(OwnerCleanupRegistry.class)
			.register(owner, () -> ran.add("owner cleanup")));
		assertThat(ran).containsExactly("owner cleanup");
	}

	@Configuration(proxyBeanMethods = false)
	static class SchedulerConfiguration {

		@Bean
		ThreadPoolTaskScheduler taskScheduler() {
			return new ThreadPoolTaskScheduler();
		}

	}

}
