package io.github.memorylifecycle.scope;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

/**
 * A WebFlux application for the reactive scope tests, on Reactor Netty or on Tomcat's reactive adapter.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ ReactiveApplication.ExchangeController.class, ReactiveApplication.SessionController.class })
class ReactiveApplication {

	static final String TOMCAT = "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration";

	static final String NETTY = "org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration";

	/** Cleanups run, by exchange id. */
	static final Map<String, AtomicInteger> ran = new ConcurrentHashMap<>();

	/** Cleanups that ran before the response was committed or the body fully emitted, by exchange id. */
	static final List<String> early = new CopyOnWriteArrayList<>();

	/** Order in which the cleanups of an exchange ran, by exchange id. */
	static final Map<String, List<String>> order = new ConcurrentHashMap<>();

	static final AtomicInteger registered = new AtomicInteger();

	static ConfigurableApplicationContext start(String excludedServer, String... properties) {
		String[] arguments = new String[properties.length + 3];
		arguments[0] = "--server.port=0";
		arguments[1] = "--spring.main.web-application-type=reactive";
		// on the command line, so it replaces the exclusions of this module's test application.properties: repeat them
		List<String> excluded = new java.util.ArrayList<>(SessionStoreApplication.REDIS_OFF);
		excluded.addAll(SessionStoreApplication.JDBC_OFF);
		excluded.add("org.springframework.boot.session.autoconfigure.SessionAutoConfiguration");
		excluded.add(excludedServer);
		arguments[2] = "--spring.autoconfigure.exclude=" + String.join(",", excluded);
		for (int i = 0; i < properties.length; i++) {
			arguments[i + 3] = "--" + properties[i];
		}
		return new SpringApplicationBuilder(ReactiveApplication.class).web(WebApplicationType.REACTIVE)
			.run(arguments);
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	static void record(String id, String name) {
		ran.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
		order.computeIfAbsent(id, (key) -> new CopyOnWriteArrayList<>()).add(name);
	}

	@RestController
	static class ExchangeController {

		private final ExchangeCleanupRegistry exchanges;

		private final org.springframework.context.ApplicationContext context;

		ExchangeController(ExchangeCleanupRegistry exchanges, org.springframework.context.ApplicationContext context) {
			this.exchanges = exchanges;
			this.context = context;
		}

		@GetMapping("/ok")
		Mono<String> ok(@RequestParam String id, ServerWebExchange exchange) {
			CleanupRegistry cleanups = this.exchanges.of(exchange);
			cleanups.register("first", () -> {
				if (!exchange.getResponse().isCommitted()) {
					early.add(id);
				}
				record(id, "first");
			});
			cleanups.register("second", () -> record(id, "second"));
			registered.incrementAndGet();
			return this.exchanges.current()
				.doOnNext((current) -> current.register("third", () -> record(id, "third")))
				.thenReturn("ok " + id);
		}

		@GetMapping("/stream")
		Flux<String> stream(@RequestParam String id, ServerWebExchange exchange) {
			AtomicInteger emitted = new AtomicInteger();
			this.exchanges.of(exchange).register("stream", () -> {
				if (emitted.get() != 3) {
					early.add(id);
				}
				record(id, "stream");
			});
			registered.incrementAndGet();
			return Flux.just("a", "b", "c")
				.delayElements(Duration.ofMillis(5))
				.doOnNext((item) -> emitted.incrementAndGet());
		}

		@GetMapping("/fail")
		Mono<String> fail(@RequestParam String id, ServerWebExchange exchange) {
			this.exchanges.of(exchange).register("failed", () -> record(id, "failed"));
			registered.incrementAndGet();
			return Mono.error(new IllegalStateException("boom " + id));
		}

		@GetMapping("/hang")
		Mono<String> hang(@RequestParam String id, ServerWebExchange exchange) {
			this.exchanges.of(exchange).register("abandoned", () -> record(id, "abandoned"));
			registered.incrementAndGet();
			return Mono.never();
		}

		@GetMapping("/nothing")
		Mono<String> nothing() {
			return Mono.just("nothing registered");
		}

		@GetMapping("/bound")
		Mono<String> bound(ServerWebExchange exchange) {
			var scheduler = this.context.getBean(io.github.memorylifecycle.scheduling.TrackedTaskScheduler.class);
			var listeners = this.context.getBean(io.github.memorylifecycle.events.ListenerRegistry.class);
			CleanupRegistry cleanups = this.exchanges.of(exchange);
			scheduler.boundTo(Lifespan.of(cleanups)).scheduleAtFixedRate(() -> {
			}, Duration.ofHours(1));
			listeners.onScope(cleanups, String.class, (event) -> {
			});
			return Mono.just(scheduler.liveTimers().size() + " " + listeners.liveListeners().size());
		}

	}

	@RestController
	static class SessionController {

		private final WebSessionCleanupRegistry sessions;

		SessionController(WebSessionCleanupRegistry sessions) {
			this.sessions = sessions;
		}

		@GetMapping("/session/register")
		Mono<String> register(@RequestParam String tag, ServerWebExchange exchange) {
			return this.sessions.of(exchange)
				.doOnNext((cleanups) -> cleanups.register(tag, () -> record(tag, tag)))
				.then(exchange.getSession())
				.map(WebSession::getId);
		}

		@GetMapping("/session/expire-in")
		Mono<String> expireIn(@RequestParam int seconds, ServerWebExchange exchange) {
			return exchange.getSession().doOnNext((session) -> session.setMaxIdleTime(Duration.ofSeconds(seconds)))
				.map(WebSession::getId);
		}

		@GetMapping("/session/change-id")
		Mono<String> changeId(ServerWebExchange exchange) {
			return exchange.getSession().flatMap((session) -> session.changeSessionId().thenReturn(session.getId()));
		}

		@GetMapping("/session/invalidate")
		Mono<String> invalidate(ServerWebExchange exchange) {
			return exchange.getSession().flatMap((session) -> session.invalidate().thenReturn("invalidated"));
		}

	}

}
