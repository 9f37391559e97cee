package io.github.memorylifecycle.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.memorylifecycle.memory.MemoryReadings;
import io.github.memorylifecycle.memory.MemorySnapshot;
import io.github.memorylifecycle.scope.RequestCleanupRegistry;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application with a live timer, a runtime listener, a cache, a request that holds a pending request cleanup, and
 * memory readings that go above critical on demand. Timers, listeners and caches are stand-in contributors: their
 * real contributors belong to other features.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class LiveResourcesApplication {

	volatile boolean critical;

	@Bean
	MemoryLifecycleContributor timersMemoryLifecycleContributor() {
		return new StubContributor("timers", 3, 200);
	}

	@Bean
	MemoryLifecycleContributor listenersMemoryLifecycleContributor() {
		return new FixedContributor("listeners", 300, Map.of("live", 1, "static", 0, "items",
				List.of(Map.of("event", "com.example.OrderPlaced", "listener", "com.example.Mailer"))));
	}

	@Bean
	MemoryLifecycleContributor cachesMemoryLifecycleContributor() {
		return new FixedContributor("caches", 500, Map.of("count", 1, "items",
				List.of(Map.of("name", "products", "size", 12, "maximumSize", 1000))));
	}

	@Bean
	MemoryLifecycleContributor asyncMemoryLifecycleContributor() {
		return new FixedContributor("async", 250, Map.of("pending", 0, "items", List.of()));
	}

	@Bean
	static BeanPostProcessor criticalReadingsSwitch(LiveResourcesApplication application) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof MemoryReadings readings) ? new SwitchableReadings(readings, application)
						: bean;
			}

		};
	}

	/**
	 * Holds a request open with a pending request cleanup until the test releases it. Registered as a member class
	 * of the configuration.
	 */
	@RestController
	static class SlowController {

		final CountDownLatch registered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		private final RequestCleanupRegistry requestCleanups;

		SlowController(RequestCleanupRegistry requestCleanups) {
			this.requestCleanups = requestCleanups;
		}

		@GetMapping("/slow")
		String slow() throws InterruptedException {
			this.requestCleanups.register("report buffer", () -> {
			});
			this.registered.countDown();
			this.release.await(10, TimeUnit.SECONDS);
			return "done";
		}

	}

	/**
	 * Real readings, or readings above critical while the test application says so.
	 */
	record SwitchableReadings(MemoryReadings real, LiveResourcesApplication application) implements MemoryReadings {

		@Override
		public double heapUsedPercent() {
			return this.application.critical ? 97 : this.real.heapUsedPercent();
		}

		@Override
		public MemorySnapshot snapshot() {
			MemorySnapshot s = this.real.snapshot();
			if (!this.application.critical) {
				return s;
			}
			return new MemorySnapshot(Instant.now(), s.heapUsed(), s.heapCommitted(), s.heapMax(), 97.0, 97.0,
					s.longLivedPools(), s.nonHeapUsed(), s.metaspaceUsed(), s.directBufferUsed(),
					s.directBufferCount(), s.mappedBufferUsed(), s.rss(), s.rssPeak(), s.gcCount(), s.gcTimeMillis(),
					s.garbageCollectors());
		}

	}

	record FixedContributor(String part, int getOrder, Object description) implements MemoryLifecycleContributor {

		@Override
		public Object describe(int limit) {
			return this.description;
		}

	}

}
