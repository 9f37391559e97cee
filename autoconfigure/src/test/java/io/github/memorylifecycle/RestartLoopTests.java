package io.github.memorylifecycle;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.management.ObjectName;

import io.github.memorylifecycle.events.ListenerRegistry;
import io.github.memorylifecycle.scheduling.TrackedAsyncTaskExecutor;
import io.github.memorylifecycle.scheduling.TrackedTaskScheduler;
import io.github.memorylifecycle.scope.OwnerCleanupRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts and closes an application with every feature in use 50 times, as a servlet container that redeploys a web
 * application would: no thread of the starter outlives its context, and the classes of the starter loaded in the
 * JVM (its own and the proxies it generates) stop growing after the first cycles.
 */
class RestartLoopTests {

	private static final int CYCLES = 50;

	private static final int WARM_UP = 5;

	private static final List<String> IGNORED = List.of("ForkJoinPool", "C1 ", "C2 ", "Attach Listener", "awaitility",
			"HttpClient-", "Catalina-", "http-nio-", "Common-Cleaner");

	@Test
	void fiftyRestartsLeaveNoThreadOfTheStarterAndNoGrowingClassCount() throws Exception {
		Set<String> threadsBefore = threadNames();
		long classesAfterWarmUp = 0;
		for (int cycle = 1; cycle <= CYCLES; cycle++) {
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
				.web(WebApplicationType.NONE)
				.logStartupInfo(false)
				.run("--spring.main.banner-mode=off")) {
				use(context);
			}
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(threadNames()).as("threads left by a closed context")
					.isSubsetOf(threadsBefore));
			if (cycle == WARM_UP) {
				classesAfterWarmUp = starterClasses();
			}
		}
		assertThat(starterClasses()).as("classes of the starter loaded after %d restarts", CYCLES)
			.isEqualTo(classesAfterWarmUp);
	}

	private static void use(ConfigurableApplicationContext context) throws Exception {
		Object owner = new Object();
		context.getBean(OwnerCleanupRegistry.class).register(owner, () -> {
		});
		context.getBean(TrackedTaskScheduler.class).forOwner(owner).scheduleAtFixedRate(() -> {
		}, Duration.ofHours(1));
		context.getBean(TrackedAsyncTaskExecutor.class).submit(() -> "done").get();
		context.getBean(ListenerRegistry.class).onOwner(owner, ApplicationEvent.class, (event) -> {
		});
	}

	/**
	 * Names of the live threads, without those that come and go by themselves: the JVM's own, and the HTTP clients
	 * and servers other test classes of this JVM leave to wind down.
	 */
	private static Set<String> threadNames() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> IGNORED.stream().noneMatch(name::startsWith))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	/**
	 * Counts the loaded classes of the starter's packages and every CGLIB proxy class (the starter proxies the
	 * application's schedulers, executors and multicaster), from the JVM's class hierarchy (the
	 * {@code VM.class_hierarchy} diagnostic command). This test's own classes are left out.
	 */
	private static long starterClasses() throws Exception {
		String hierarchy = (String) ManagementFactory.getPlatformMBeanServer()
			.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmClassHierarchy",
					new Object[] { null }, new String[] { String[].class.getName() });
		return hierarchy.lines()
			.filter((line) -> line.contains("io.github.memorylifecycle") || line.contains("$$SpringCGLIB$$"))
			.filter((line) -> !line.contains(RestartLoopTests.class.getName()))
			.count();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableAsync
	static class Application {

		@Bean
		ThreadPoolTaskScheduler applicationScheduler() {
			return new ThreadPoolTaskScheduler();
		}

		@Bean
		ThreadPoolTaskExecutor taskExecutor() {
			return new ThreadPoolTaskExecutor();
		}

	}

}
