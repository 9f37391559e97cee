package io.github.memorylifecycle.scope;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

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

/**
 * An application whose sessions Spring Session keeps, for the session-store tests: one or several instances in one
 * JVM, each on its own port, talked to over real HTTP with the session cookie carried by hand from one instance to
 * the other (as a load balancer would).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(SessionStoreApplication.SessionController.class)
class SessionStoreApplication {

	/** Cleanups run, by "instance:tag". */
	static final Map<String, AtomicInteger> ran = new ConcurrentHashMap<>();

	static final List<String> REDIS_OFF = List.of(
			"org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration");

	static final List<String> JDBC_OFF = List.of(
			"org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration");

	static int ran(String instance, String tag) {
		AtomicInteger count = ran.get(instance + ":" + tag);
		return (count != null) ? count.get() : 0;
	}

	/**
	 * Starts an instance.
	 * @param name the instance name, tags its cleanups
	 * @param excluded auto-configurations to leave out (the other store's)
	 * @param properties more properties
	 * @return the running instance
	 */
	static Instance start(String name, List<String> excluded, String... properties) {
		// as command-line arguments: they override the exclusions of this module's test application.properties
		List<String> arguments = new java.util.ArrayList<>(List.of("--server.port=0",
				"--spring.autoconfigure.exclude=" + String.join(",", excluded), "--instance.name=" + name));
		for (String property : properties) {
			arguments.add("--" + property);
		}
		if (java.util.Arrays.stream(properties).noneMatch((p) -> p.startsWith("memory.lifecycle.session.sweep.interval"))) {
			arguments.add("--memory.lifecycle.session.sweep.interval=100ms");
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SessionStoreApplication.class)
			.web(WebApplicationType.SERVLET)
			.run(arguments.toArray(String[]::new));
		return new Instance(name, context);
	}

	record Instance(String name, ConfigurableApplicationContext context) implements AutoCloseable {

		private static final HttpClient http = HttpClient.newBuilder().build();

		int port() {
			return ((WebServerApplicationContext) this.context).getWebServer().getPort();
		}

		HttpSessionCleanupRegistry registry() {
			return this.context.getBean(HttpSessionCleanupRegistry.class);
		}

		CleanupStatistics statistics() {
			return registry().statistics();
		}

		/**
		 * Sends a request with the given session cookie (or none) and returns the response.
		 */
		HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
				.timeout(Duration.ofSeconds(30));
			if (cookie != null) {
				request.header("Cookie", cookie);
			}
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		/**
		 * Registers a cleanup tagged {@code tag} on the session of {@code cookie}, or on a new session.
		 * @return the session cookie to send next
		 */
		String register(String tag, String cookie) throws IOException, InterruptedException {
			return call("/register?tag=" + tag, cookie);
		}

		/**
		 * Sends a request that must succeed with the given session cookie (or none).
		 * @return the session cookie to send next: a new one if the response set it
		 */
		String call(String path, String cookie) throws IOException, InterruptedException {
			HttpResponse<String> response = get(path, cookie);
			if (response.statusCode() != 200) {
				throw new IllegalStateException(response.statusCode() + " " + response.body());
			}
			return response.headers()
				.allValues("Set-Cookie")
				.stream()
				.filter((value) -> value.startsWith("SESSION="))
				.map((value) -> value.substring(0, value.indexOf(';')))
				.findFirst()
				.orElse(cookie);
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	@RestController
	static class SessionController {

		private final SessionCleanupRegistry cleanups;

		private final String instance;

		SessionController(SessionCleanupRegistry cleanups, org.springframework.core.env.Environment environment) {
			this.cleanups = cleanups;
			this.instance = environment.getProperty("instance.name", "app");
		}

		@GetMapping("/register")
		String register(@RequestParam String tag, @RequestParam(defaultValue = "0") int maxInactive,
				HttpServletRequest request, HttpServletResponse response) {
			String key = this.instance + ":" + tag;
			this.cleanups.register(tag, () -> ran.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet());
			HttpSession session = request.getSession();
			if (maxInactive > 0) {
				session.setMaxInactiveInterval(maxInactive);
			}
			response.setHeader("X-Session", session.getId());
			return String.valueOf(this.cleanups.pending());
		}

		@GetMapping("/expire-in")
		String expireIn(@RequestParam int seconds, HttpServletRequest request) {
			request.getSession().setMaxInactiveInterval(seconds);
			return "ok";
		}

		@GetMapping("/invalidate")
		String invalidate(HttpServletRequest request) {
			request.getSession().invalidate();
			return "invalidated";
		}

		@GetMapping("/change-id")
		String changeId(HttpServletRequest request) {
			return request.changeSessionId();
		}

		@GetMapping("/id")
		String id(HttpServletRequest request) {
			HttpSession session = request.getSession(false);
			return (session != null) ? session.getId() : "none";
		}

	}

}
