package io.github.memorylifecycle.events;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.github.memorylifecycle.scope.ScopeAutoConfiguration;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Listeners added while handling real HTTP requests: listed with their event type and site, and removed with their
 * request or session when bound to it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ListenersWebIntegrationTests {

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	@LocalServerPort
	private int port;

	@Autowired
	private ListenerRegistry registry;

	@Autowired
	private ApplicationEventMulticaster multicaster;

	@AfterEach
	void removeListeners() {
		this.multicaster.removeApplicationListeners(
				(listener) -> listener instanceof PriceListener || listener instanceof RegisteredListener);
	}

	@Test
	void listenerAddedPerRequestThroughTheContextIsListedWithItsEventType() throws Exception {
		get("/leaky");
		get("/leaky");
		assertThat(this.registry.liveListeners()).hasSize(2).allSatisfy((info) -> {
			assertThat(info.eventType()).isEqualTo(PriceChanged.class.getName());
			assertThat(info.listener()).isEqualTo(PriceListener.class.getName());
			assertThat(info.scope()).isNull();
			assertThat(info.site()).startsWith(CartController.class.getName() + ".leaky:");
		});
	}

	@Test
	void requestBoundListenerIsRemovedAfterTheResponse() throws Exception {
		assertThat(get("/request-bound")).isEqualTo("listening: request");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.registry.liveListeners().isEmpty());
	}

	@Test
	void sessionBoundListenerStaysWithItsSessionAndIsRemovedWhenItEnds() throws Exception {
		assertThat(get("/session-bound")).isEqualTo("listening: session");
		assertThat(get("/session-bound")).isEqualTo("listening: session");
		assertThat(this.registry.liveListeners()).hasSize(2)
			.allSatisfy((info) -> assertThat(info.scope()).isEqualTo("session"));
		get("/logout");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.registry.liveListeners().isEmpty());
	}

	private String get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class, LifecycleWarningsAutoConfiguration.class, ScopeAutoConfiguration.class,
			ListenersAutoConfiguration.class })
	@Import(CartController.class)
	static class WebApplication {

	}

	@RestController
	static class CartController {

		private final ConfigurableApplicationContext context;

		private final ListenerRegistry registry;

		CartController(ConfigurableApplicationContext context, ListenerRegistry registry) {
			this.context = context;
			this.registry = registry;
		}

		@GetMapping("/leaky")
		String leaky() {
			this.context.addApplicationListener(new PriceListener());
			return "added";
		}

		@GetMapping("/request-bound")
		String requestBound() {
			this.registry.onRequest(PriceChanged.class, (event) -> {
			});
			return "listening: " + scopes();
		}

		@GetMapping("/session-bound")
		String sessionBound() {
			this.registry.onSession(PriceChanged.class, (event) -> {
			});
			return "listening: " + scopes();
		}

		@GetMapping("/logout")
		String logout(HttpSession session) {
			session.invalidate();
			return "bye";
		}

		private String scopes() {
			List<String> scopes = this.registry.liveListeners().stream().map(ListenerInfo::scope).distinct().toList();
			return String.join(",", scopes);
		}

	}

	static class PriceChanged extends ApplicationEvent {

		PriceChanged(Object source) {
			super(source);
		}

	}

	static class PriceListener implements ApplicationListener<PriceChanged> {

		@Override
		public void onApplicationEvent(PriceChanged event) {
		}

	}

}
