package io.github.memorylifecycle.endpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.memorylifecycle.benchmarks.Comparison;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Reading the {@code /actuator/memory-lifecycle} document: the endpoint's read operation plus its JSON
 * serialisation by the application's {@link JsonMapper}, in a Spring Boot application with the starter, holding
 * 100 000 live timers (scheduled one hour ahead through the application's own {@link ThreadPoolTaskScheduler}
 * bean, which the starter tracks) and 10 000 runtime listeners, against the same application holding none.
 * The setup also writes the size of both documents, at the default list limit and at the largest one, to
 * {@code benchmarks/target/results/endpoint.properties} for the report.
 * <p>
 * Run: {@code benchmarks/run.sh jmh}, or after it {@code java -cp "$(cat benchmarks/target/run-classpath.txt)"
 * org.openjdk.jmh.Main EndpointDocumentBenchmark -prof gc}.
 */
@Comparison(title = "Read the endpoint document with 100 000 live timers and 10 000 runtime listeners",
		baseline = "document(null) plus JSON in the same application with no timers or listeners",
		starter = "document(null) plus JSON with 100 000 live timers and 10 000 runtime listeners",
		target = "< 50 ms", maxStarterNanos = 50_000_000)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class EndpointDocumentBenchmark {

	static final int TIMERS = 100_000;

	static final int LISTENERS = 10_000;

	private static final int MAX_LIMIT = 1000;

	private ConfigurableApplicationContext empty;

	private ConfigurableApplicationContext full;

	private MemoryLifecycleEndpoint emptyEndpoint;

	private MemoryLifecycleEndpoint fullEndpoint;

	private JsonMapper json;

	@Setup
	public void setUp() throws IOException {
		this.empty = application();
		this.full = application();
		ThreadPoolTaskScheduler scheduler = this.full.getBean(ThreadPoolTaskScheduler.class);
		Instant inOneHour = Instant.now().plusSeconds(3600);
		Runnable noop = () -> {
		};
		for (int i = 0; i < TIMERS; i++) {
			scheduler.schedule(noop, inOneHour);
		}
		for (int i = 0; i < LISTENERS; i++) {
			this.full.addApplicationListener(new NoopListener());
		}
		this.emptyEndpoint = endpoint(this.empty);
		this.fullEndpoint = endpoint(this.full);
		this.json = this.full.getBean(JsonMapper.class);
		writeSizes();
	}

	@TearDown
	public void tearDown() {
		this.full.close();
		this.empty.close();
	}

	private static ConfigurableApplicationContext application() {
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "logging.level.root=error",
					"management.endpoints.web.exposure.include=memory-lifecycle",
					"management.endpoint.memory-lifecycle.max-limit=" + MAX_LIMIT)
			.run();
	}

	/** The endpoint bean, or one made exactly as its auto-configuration makes it when the bean is not exposed. */
	private static MemoryLifecycleEndpoint endpoint(ConfigurableApplicationContext context) {
		return context.getBeanProvider(MemoryLifecycleEndpoint.class)
			.getIfAvailable(() -> new MemoryLifecycleEndpoint(
					context.getBeanProvider(MemoryLifecycleContributor.class).orderedStream().toList(),
					Show.NEVER, Set.of(), 100, MAX_LIMIT));
	}

	private void writeSizes() throws IOException {
		Path results = Path.of("benchmarks", "target", "results");
		Map<String, Object> document = this.fullEndpoint.document(SecurityContext.NONE, null);
		String properties = String.format(Locale.ROOT,
				"timers=%d%nlisteners=%d%nparts=%s%nempty_bytes=%d%nfull_bytes=%d%nfull_bytes_max_limit=%d%n"
						+ "max_limit=%d%nendpoint_bean=%s%n",
				TIMERS, LISTENERS, String.join(" ", document.keySet()), serialise(this.emptyEndpoint, null).length,
				serialise(this.fullEndpoint, null).length, serialise(this.fullEndpoint, MAX_LIMIT).length, MAX_LIMIT,
				this.full.getBeanProvider(MemoryLifecycleEndpoint.class).getIfAvailable() != null);
		if (Files.isDirectory(results)) {
			Files.writeString(results.resolve("endpoint.properties"), properties);
		}
		System.out.print(properties);
	}

	private byte[] serialise(MemoryLifecycleEndpoint endpoint, Integer limit) {
		return this.json.writeValueAsBytes(endpoint.document(SecurityContext.NONE, limit));
	}

	/**
	 * The document of the application holding nothing.
	 * @return the JSON
	 */
	@Benchmark
	public byte[] baseline() {
		return serialise(this.emptyEndpoint, null);
	}

	/**
	 * The document of the application holding 100 000 timers and 10 000 listeners.
	 * @return the JSON
	 */
	@Benchmark
	public byte[] starter() {
		return serialise(this.fullEndpoint, null);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		ThreadPoolTaskScheduler taskScheduler() {
			ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
			scheduler.setRemoveOnCancelPolicy(true);
			return scheduler;
		}

	}

	static final class NoopListener implements ApplicationListener<ApplicationEvent> {

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
		}

	}

}
