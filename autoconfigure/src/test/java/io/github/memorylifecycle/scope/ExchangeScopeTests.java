package io.github.memorylifecycle.scope;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The exchange scope of WebFlux over real HTTP: 1 000 exchanges that complete, stream, fail or are abandoned by their
 * client run every cleanup exactly once, last registered first, never before the response was written, and leave
 * nothing pending. On Reactor Netty, and once on Tomcat's reactive adapter.
 */
class ExchangeScopeTests {

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class OnReactorNetty extends Exchanges {

		OnReactorNetty() {
			super(ReactiveApplication.TOMCAT, 1000, true);
		}

	}

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class OnTomcat extends Exchanges {

		OnTomcat() {
			// Tomcat notices that a client went away only when it writes to it (or at its async timeout): no
			// abandoned exchanges here
			super(ReactiveApplication.NETTY, 100, false);
		}

	}

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class OnReactorNettyBehindForwardedHeaders extends Exchanges {

		OnReactorNettyBehindForwardedHeaders() {
			// the ForwardedHeaderTransformer replaces the request before the exchange exists: the starter's filter
			// hands the scope to of(exchange)
			super(ReactiveApplication.TOMCAT, 200, true, "server.forward-headers-strategy=framework");
		}

		@Test
		void theScopeIsHandedOverByTheFilter() {
			assertThat(this.context.getBeansOfType(ExchangeScopeFilter.class)).hasSize(1);
		}

	}

	abstract static class Exchanges {

		private final String excludedServer;

		private final String[] properties;

		private final int exchanges;

		private final HttpClient http = HttpClient.newHttpClient();

		ConfigurableApplicationContext context;

		private final boolean abandon;

		Exchanges(String excludedServer, int exchanges, boolean abandon, String... properties) {
			this.excludedServer = excludedServer;
			this.properties = properties;
			this.exchanges = exchanges;
			this.abandon = abandon;
		}

		@BeforeAll
		void start() {
			this.context = ReactiveApplication.start(this.excludedServer, this.properties);
		}

		@AfterAll
		void stop() {
			this.context.close();
		}

		@Test
		void everyCleanupRunsOnceAtTheTrueEndOfItsExchange() throws Exception {
			String prefix = getClass().getSimpleName() + "-";
			int cancelled = 0;
			for (int i = 0; i < this.exchanges; i++) {
				String id = prefix + i;
				switch (i % 10) {
					case 0, 1, 2, 3 -> assertThat(get("/ok?id=" + id).body()).isEqualTo("ok " + id);
					case 4, 5 -> assertThat(get("/stream?id=" + id).body()).isEqualTo("abc");
					case 6, 7, 8 -> assertThat(get("/fail?id=" + id).statusCode()).isEqualTo(500);
					default -> {
						if (this.abandon) {
							abandon("/hang?id=" + id);
							cancelled++;
						}
						else {
							assertThat(get("/ok?id=" + id).body()).isEqualTo("ok " + id);
						}
					}
				}
			}
			int expectedExchanges = this.exchanges;
			await().atMost(Duration.ofSeconds(30))
				.until(() -> ReactiveApplication.ran.keySet().stream().filter((id) -> id.startsWith(prefix)).count()
						== expectedExchanges);
			for (int i = 0; i < this.exchanges; i++) {
				String id = prefix + i;
				boolean ok = i % 10 < 4 || (i % 10 == 9 && !this.abandon);
				assertThat(ReactiveApplication.ran.get(id)).as("cleanups of %s", id).hasValue(ok ? 3 : 1);
				if (ok) {
					assertThat(ReactiveApplication.order.get(id)).containsExactly("third", "second", "first");
				}
			}
			assertThat(ReactiveApplication.early).filteredOn((id) -> id.startsWith(prefix)).isEmpty();
			CleanupStatistics statistics = this.context.getBean(ReactiveExchangeCleanupRegistry.class).statistics();
			assertThat(statistics.pendingCleanups()).isZero();
			assertThat(statistics.activeScopes()).isZero();
			assertThat(cancelled).isEqualTo(this.abandon ? this.exchanges / 10 : 0);
		}

		@Test
		void timersAndListenersBoundToAnExchangeEndWithIt() throws Exception {
			var scheduler = this.context.getBean(io.github.memorylifecycle.scheduling.TrackedTaskScheduler.class);
			var listeners = this.context.getBean(io.github.memorylifecycle.events.ListenerRegistry.class);
			int timers = scheduler.liveTimers().size();
			int registered = listeners.liveListeners().size();
			assertThat(get("/bound").body()).isEqualTo((timers + 1) + " " + (registered + 1));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> scheduler.liveTimers().size() == timers && listeners.liveListeners().size() == registered);
		}

		@Test
		void noFilterIsAddedWhereTheDecoratorReachesTheExchange() {
			boolean forwarded = java.util.Arrays.asList(this.properties)
				.contains("server.forward-headers-strategy=framework");
			assertThat(this.context.getBeansOfType(ExchangeScopeFilter.class)).hasSize(forwarded ? 1 : 0);
		}

		@Test
		void anExchangeThatRegistersNothingOpensNoScope() throws Exception {
			CleanupStatistics statistics = this.context.getBean(ReactiveExchangeCleanupRegistry.class).statistics();
			long run = statistics.cleanupsRun();
			assertThat(get("/nothing").body()).isEqualTo("nothing registered");
			assertThat(statistics.cleanupsRun()).isEqualTo(run);
			assertThat(statistics.activeScopes()).isZero();
		}

		@Test
		void theRegistriesPartShowsTheExchangesUnderRequest() throws Exception {
			Object parts = this.context.getBean("registriesMemoryLifecycleContributor",
					io.github.memorylifecycle.endpoint.MemoryLifecycleContributor.class)
				.describe(10);
			assertThat(((java.util.Map<?, ?>) parts).containsKey("request")).isTrue();
		}

		private HttpResponse<String> get(String path) throws Exception {
			return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
				.timeout(Duration.ofSeconds(20))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		/**
		 * Sends a request on a raw socket, waits until the handler registered its cleanup, and goes away.
		 */
		private void abandon(String path) throws Exception {
			int before = ReactiveApplication.registered.get();
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
				OutputStream out = socket.getOutputStream();
				out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
				out.flush();
				await().atMost(Duration.ofSeconds(10))
					.pollDelay(Duration.ZERO)
					.pollInterval(Duration.ofMillis(1))
					.until(() -> ReactiveApplication.registered.get() > before);
			}
		}

		private int port() {
			return ReactiveApplication.port(this.context);
		}

	}


}
