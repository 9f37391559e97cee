package io.github.memorylifecycle.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.memorylifecycle.scope.ScopeAutoConfiguration;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.support.AbstractApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listeners registered and removed from many threads at once leave nothing behind, neither in the tracker nor in
 * the context's own set of listeners (a plain set that the context's add and remove methods do not lock).
 */
class ListenerRegistryConcurrencyTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleWarningsAutoConfiguration.class,
				ScopeAutoConfiguration.class, ListenersAutoConfiguration.class));

	@Test
	void registeringAndRemovingFromManyThreadsLeavesNoListenerBehind() {
		this.contextRunner.run((context) -> {
			ListenerRegistry registry = context.getBean(ListenerRegistry.class);
			int before = ((AbstractApplicationContext) context.getSourceApplicationContext()).getApplicationListeners().size();
			int threads = 8;
			CyclicBarrier start = new CyclicBarrier(threads);
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			try {
				List<Future<?>> futures = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					futures.add(executor.submit(() -> {
						start.await();
						for (int i = 0; i < 5_000; i++) {
							registry.on(String.class, (event) -> {
							}).run();
						}
						return null;
					}));
				}
				for (Future<?> future : futures) {
					future.get(60, TimeUnit.SECONDS);
				}
			}
			finally {
				executor.shutdownNow();
			}
			assertThat(registry.liveListeners()).isEmpty();
			assertThat(((AbstractApplicationContext) context.getSourceApplicationContext()).getApplicationListeners()).hasSize(before);
		});
	}

}
