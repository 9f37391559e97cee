package io.github.memorylifecycle.leak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.github.memorylifecycle.scope.OwnerCleanupRegistry;
import io.github.memorylifecycle.scope.ScopeAutoConfiguration;
import io.github.memorylifecycle.scope.SessionCleanupRegistry;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.annotation.RequestScope;
import org.springframework.web.context.annotation.SessionScope;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The seeded-leak matrix: each classic leak, done {@value #REQUESTS} times through real requests, is found; the same
 * workload without the leaks gives no suspect at all. Every object is watched (sample rate 1, no delay); the tests
 * force collections, the product never does.
 */
class SeededLeakTests {

	private static final int REQUESTS = 20;

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleWarningsAutoConfiguration.class,
				ScopeAutoConfiguration.class, LeakAutoConfiguration.class))
		.withUserConfiguration(ShopApplication.class)
		.withPropertyValues("memory.lifecycle.leak.sample-rate=1", "memory.lifecycle.leak.delay=0",
				"memory.lifecycle.leak.heap-growth.enabled=false");

	@AfterEach
	void releaseTheSeededLeaks() {
		ShopController.RETAINED.clear();
	}

	@Test
	void closureRetainedAfterItsRequestIsASuspect() {
		this.contextRunner.run((context) -> {
			requests(context, "/report", true);
			LeakSuspect suspect = awaitSuspect(context, LeakWatcher.USER);
			assertThat(suspect.className()).isEqualTo(ShopController.class.getName() + " (lambda)");
			assertThat(suspect.description()).isEqualTo("report renderer");
			assertThat(suspect.site()).startsWith(ShopController.class.getName() + ".report:");
			assertThat(suspect.retained()).isEqualTo(REQUESTS);
			assertThat(context.getBean(LifecycleWarnings.class).count("leaks")).isPositive();
		});
	}

	@Test
	void ownerCleanedUpButStillReferencedIsASuspect() {
		this.contextRunner.run((context) -> {
			requests(context, "/export", true);
			LeakSuspect suspect = awaitSuspect(context, OwnerCleanupLeakListener.KIND);
			assertThat(suspect.className()).isEqualTo(ExportJob.class.getName());
			assertThat(suspect.site()).startsWith(ShopController.class.getName() + ".export:");
		});
	}

	@Test
	void requestScopedBeanRetainedAfterItsRequestIsASuspect() {
		this.contextRunner.run((context) -> {
			requests(context, "/cart", true);
			LeakSuspect suspect = awaitSuspect(context, "request");
			assertThat(suspect.className()).isEqualTo(Cart.class.getName());
			assertThat(suspect.description()).isEqualTo("request-scoped bean '" + Cart.class.getName() + "'");
		});
	}

	@Test
	void sessionScopedBeanRetainedAfterItsSessionEndedIsASuspect() {
		this.contextRunner.run((context) -> {
			sessions(context, true);
			LeakSuspect suspect = awaitSuspect(context, "session");
			assertThat(suspect.className()).isEqualTo(Wishlist.class.getName());
			assertThat(suspect.description()).isEqualTo("session-scoped bean '" + Wishlist.class.getName() + "'");
		});
	}

	@Test
	void cleanWorkloadOfTheSameSizeProducesNoSuspect() {
		this.contextRunner.run((context) -> {
			requests(context, "/report", false);
			requests(context, "/export", false);
			requests(context, "/cart", false);
			sessions(context, false);
			WeakReferenceLeakWatcher watcher = context.getBean(WeakReferenceLeakWatcher.class);
			assertThat(watcher.watched()).isEqualTo(4 * REQUESTS);
			long collections = watcher.oldCollections();
			await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(30)).until(() -> {
				System.gc();
				watcher.check();
				return watcher.waiting() == 0 && watcher.oldCollections() > collections;
			});
			assertThat(watcher.suspects()).isEmpty();
			assertThat(context.getBean(LifecycleWarnings.class).count("leaks")).isZero();
		});
	}

	private static void requests(AssertableWebApplicationContext context, String path, boolean leak)
			throws Exception {
		MockMvc mvc = mockMvc(context);
		for (int i = 0; i < REQUESTS; i++) {
			mvc.perform(get(path).param("leak", String.valueOf(leak))).andExpect(status().isOk());
		}
	}

	private static void sessions(AssertableWebApplicationContext context, boolean leak) throws Exception {
		MockMvc mvc = mockMvc(context);
		SessionCleanupRegistry sessions = context.getBean(SessionCleanupRegistry.class);
		for (int i = 0; i < REQUESTS; i++) {
			MockHttpSession session = new MockHttpSession();
			mvc.perform(get("/wishlist").param("leak", String.valueOf(leak)).session(session))
				.andExpect(status().isOk());
			sessions.sessionEnded(session.getId()); // what the container's session listener does on invalidation
			session.invalidate();
		}
	}

	private static MockMvc mockMvc(AssertableWebApplicationContext context) {
		FilterRegistrationBean<?> requestScope = context.getBean("memoryLifecycleRequestScopeFilter",
				FilterRegistrationBean.class);
		return MockMvcBuilders.webAppContextSetup(context).addFilters(requestScope.getFilter()).build();
	}

	private static LeakSuspect awaitSuspect(AssertableWebApplicationContext context, String kind) {
		WeakReferenceLeakWatcher watcher = context.getBean(WeakReferenceLeakWatcher.class);
		Optional<LeakSuspect> found = await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(30)).until(() -> {
			System.gc();
			watcher.check();
			return watcher.suspects()
				.stream()
				.filter((suspect) -> suspect.kind().equals(kind) && suspect.count() == REQUESTS)
				.findFirst();
		}, Optional::isPresent);
		assertThat(watcher.suspects()).as("only the seeded leak is suspected").hasSize(1);
		LeakSuspect suspect = found.get();
		assertThat(suspect.retained()).isEqualTo(REQUESTS);
		assertThat(suspect.resolved()).isZero();
		return suspect;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@Import({ ShopController.class, Cart.class, Wishlist.class })
	static class ShopApplication {

	}

	@RestController
	static class ShopController {

		/**
		 * The seeded leaks: objects kept after their scope ended.
		 */
		static final List<Object> RETAINED = new CopyOnWriteArrayList<>();

		private final LeakWatcher leakWatcher;

		private final OwnerCleanupRegistry owners;

		private final Cart cart;

		private final Wishlist wishlist;

		ShopController(LeakWatcher leakWatcher, OwnerCleanupRegistry owners, Cart cart, Wishlist wishlist) {
			this.leakWatcher = leakWatcher;
			this.owners = owners;
			this.cart = cart;
			this.wishlist = wishlist;
		}

		@GetMapping("/report")
		String report(@RequestParam boolean leak) {
			byte[] rows = new byte[256 * 1024];
			Supplier<Integer> renderer = () -> rows.length;
			if (leak) {
				RETAINED.add(renderer);
			}
			String body = "rendered " + renderer.get() + " bytes";
			this.leakWatcher.watch(renderer, "report renderer"); // its life ends with the request
			return body;
		}

		@GetMapping("/export")
		String export(@RequestParam boolean leak) {
			ExportJob job = new ExportJob();
			this.owners.register(job, "close export stream", () -> {
			});
			this.owners.cleanup(job);
			if (leak) {
				RETAINED.add(job);
			}
			return "exported";
		}

		@GetMapping("/cart")
		String cart(@RequestParam boolean leak) {
			this.cart.add("book", leak);
			return "added";
		}

		@GetMapping("/wishlist")
		String wishlist(@RequestParam boolean leak) {
			this.wishlist.add("pen", leak);
			return "wished";
		}

	}

	static class ExportJob {

		private final byte[] buffer = new byte[64 * 1024];

	}

	@Component
	@RequestScope
	public static class Cart {

		private final List<String> items = new ArrayList<>();

		public void add(String item, boolean leak) {
			this.items.add(item);
			if (leak) {
				ShopController.RETAINED.add(this); // the bean itself, not its scoped proxy
			}
		}

	}

	@Component
	@SessionScope
	public static class Wishlist {

		private final List<String> items = new ArrayList<>();

		public void add(String item, boolean leak) {
			this.items.add(item);
			if (leak) {
				ShopController.RETAINED.add(this); // the bean itself, not its scoped proxy
			}
		}

	}

}
