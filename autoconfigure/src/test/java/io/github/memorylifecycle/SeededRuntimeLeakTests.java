package io.github.memorylifecycle;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.github.memorylifecycle.events.ListenerRegistry;
import io.github.memorylifecycle.events.ListenersAutoConfiguration;
import io.github.memorylifecycle.leak.LeakAutoConfiguration;
import io.github.memorylifecycle.leak.LeakSuspect;
import io.github.memorylifecycle.leak.LeakWatcher;
import io.github.memorylifecycle.scheduling.SchedulingAutoConfiguration;
import io.github.memorylifecycle.scheduling.TrackedTaskScheduler;
import io.github.memorylifecycle.scope.ScopeAutoConfiguration;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The seeded-leak matrix across features: a listener added per request and never removed, and a timer started per
 * request and never cancelled, become leak suspects of kind {@code listener} and {@code timer}; the same workloads
 * that remove or cancel them (or bind them to the request) give none.
 * Every object is watched (sample rate 1, no delay); the tests force collections, the product never does.
 */
class SeededRuntimeLeakTests {

	private static final int REQUESTS = 20;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleWarningsAutoConfiguration.class,
				ScopeAutoConfiguration.class, ListenersAutoConfiguration.class, SchedulingAutoConfiguration.class,
				LeakAutoConfiguration.class))
		.withUserConfiguration(NewsApplication.class)
		.withPropertyValues("memory.lifecycle.leak.sample-rate=1", "memory.lifecycle.leak.delay=0",
				"memory.lifecycle.leak.heap-growth.enabled=false");

	@Test
	void listenerAddedPerRequestAndNeverRemovedIsASuspect() {
		this.contextRunner.run((context) -> {
			requests(context, "leak");
			LeakSuspect suspect = awaitSuspect(context, "listener");
			assertThat(suspect.retained()).isEqualTo(REQUESTS);
			assertThat(suspect.className()).startsWith(NewsController.class.getName());
		});
	}

	@Test
	void listenersRemovedOrBoundToTheRequestGiveNoSuspect() {
		this.contextRunner.run((context) -> {
			requests(context, "remove");
			requests(context, "bind");
			assertThat(context.getBean(ListenerRegistry.class).liveListeners()).isEmpty();
			assertNothingWatchedIsRetained(context);
		});
	}

	@Test
	void timerStartedPerRequestAndNeverCancelledIsASuspect() {
		this.contextRunner.run((context) -> {
			requests(context, "/poll", "leak");
			LeakSuspect suspect = awaitSuspect(context, "timer");
			assertThat(suspect.retained()).isEqualTo(REQUESTS);
			assertThat(context.getBean(TrackedTaskScheduler.class).liveTimers()).hasSize(REQUESTS);
		});
	}

	@Test
	void timersCancelledOrBoundToTheRequestGiveNoSuspect() {
		this.contextRunner.run((context) -> {
			requests(context, "/poll", "cancel");
			requests(context, "/poll", "bind");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> context.getBean(TrackedTaskScheduler.class).liveTimers().isEmpty());
			assertNothingWatchedIsRetained(context);
		});
	}

	private static void assertNothingWatchedIsRetained(AssertableWebApplicationContext context) {
		MemoryLifecycleContributor leaks = context.getBean("leaksMemoryLifecycleContributor",
				MemoryLifecycleContributor.class);
		JsonNode before = json.valueToTree(leaks.describe(10));
		assertThat(before.get("watched").asLong()).as("unbound things are watched; bound ones need not be")
			.isEqualTo(REQUESTS);
		JsonNode after = await().atMost(Duration.ofSeconds(30)).until(() -> {
			System.gc();
			return json.valueToTree(leaks.describe(10));
		}, (part) -> part.get("watching").asInt() == 0);
		assertThat(after.get("suspects").asInt()).isZero();
		assertThat(context.getBean(LeakWatcher.class).suspects()).isEmpty();
	}

	private static void requests(AssertableWebApplicationContext context, String mode) throws Exception {
		requests(context, "/subscribe", mode);
	}

	private static void requests(AssertableWebApplicationContext context, String path, String mode)
			throws Exception {
		FilterRegistrationBean<?> requestScope = context.getBean("memoryLifecycleRequestScopeFilter",
				FilterRegistrationBean.class);
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).addFilters(requestScope.getFilter()).build();
		for (int i = 0; i < REQUESTS; i++) {
			mvc.perform(get(path).param("mode", mode)).andExpect(status().isOk());
		}
	}

	private static LeakSuspect awaitSuspect(AssertableWebApplicationContext context, String kind) {
		LeakWatcher watcher = context.getBean(LeakWatcher.class);
		return await().atMost(Duration.ofSeconds(30)).until(() -> {
			System.gc();
			return watcher.suspects()
				.stream()
				.filter((suspect) -> suspect.kind().equals(kind) && suspect.retained() == REQUESTS)
				.findFirst();
		}, Optional::isPresent).get();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@Import(NewsController.class)
	static class NewsApplication {

	}

	@RestController
	static class NewsController {

		private final ConfigurableApplicationContext context;

		private final ListenerRegistry listeners;

		private final TrackedTaskScheduler scheduler;

		NewsController(ConfigurableApplicationContext context, ListenerRegistry listeners,
				TrackedTaskScheduler scheduler) {
			this.context = context;
			this.listeners = listeners;
			this.scheduler = scheduler;
		}

		@GetMapping("/poll")
		String poll(@RequestParam String mode) {
			byte[] samples = new byte[64 * 1024];
			Runnable poller = () -> samples[0]++;
			if ("bind".equals(mode)) {
				this.scheduler.forRequest().scheduleAtFixedRate(poller, Duration.ofHours(1));
				return "bound";
			}
			ScheduledFuture<?> timer = this.scheduler.scheduleAtFixedRate(poller, Duration.ofHours(1));
			if ("cancel".equals(mode)) {
				timer.cancel(false);
			}
			return mode;
		}

		@GetMapping("/subscribe")
		String subscribe(@RequestParam String mode) {
			byte[] headlines = new byte[64 * 1024];
			if ("bind".equals(mode)) {
				this.listeners.onRequest(String.class, (news) -> headlines[0]++);
				return "bound";
			}
			ApplicationListener<PayloadApplicationEvent<String>> listener = (event) -> headlines[0]++;
			this.context.addApplicationListener(listener);
			if ("remove".equals(mode)) {
				this.context.removeApplicationListener(listener);
			}
			return mode;
		}

	}

}
