package io.github.memorylifecycle.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import io.github.memorylifecycle.scope.ScopeAutoConfiguration;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.core.ResolvableType;
import org.springframework.util.ErrorHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A multicaster the application defines itself behaves with the starter exactly as without it, including what a
 * class proxy could not pass on: fields read through the bean reference, protected and package-private methods of
 * the subclass, and the state Spring's {@code SimpleApplicationEventMulticaster} keeps (executor, error handler,
 * listener retrieval). Adapted from the cases of Spring Framework's own multicaster tests that failed when the
 * starter wrapped such a multicaster in a class proxy.
 */
class UserMulticasterTransparencyTests {

	private final ApplicationContextRunner plain = new ApplicationContextRunner()
		.withUserConfiguration(StatefulMulticasterConfiguration.class);

	private final ApplicationContextRunner tracked = this.plain.withConfiguration(AutoConfigurations.of(
			LifecycleWarningsAutoConfiguration.class, ScopeAutoConfiguration.class, ListenersAutoConfiguration.class));

	@Test
	void fieldsOfTheMulticasterReadThroughTheBeanAreItsOwn() {
		for (ApplicationContextRunner runner : List.of(this.plain, this.tracked)) {
			runner.run((context) -> {
				StatefulMulticaster multicaster = context.getBean(StatefulMulticaster.class);
				context.publishEvent(new Ping(this));
				assertThat(multicaster.multicast).extracting(Object::getClass).contains(Ping.class);
			});
		}
	}

	@Test
	void packagePrivateAndProtectedMethodsSeeTheRealListeners() {
		List<Integer> counts = new ArrayList<>();
		for (ApplicationContextRunner runner : List.of(this.plain, this.tracked)) {
			runner.run((context) -> {
				StatefulMulticaster multicaster = context.getBean(StatefulMulticaster.class);
				int before = multicaster.listenerCount();
				context.addApplicationListener(new PingListener());
				counts.add(multicaster.listenerCount() - before);
				assertThat(multicaster.listenersFor(new Ping(this))).hasSize(1);
			});
		}
		assertThat(counts).containsExactly(1, 1);
	}

	@Test
	void theExecutorAndErrorHandlerSetOnTheMulticasterAreUsed() {
		for (ApplicationContextRunner runner : List.of(this.plain, this.tracked)) {
			runner.run((context) -> {
				StatefulMulticaster multicaster = context.getBean(StatefulMulticaster.class);
				context.addApplicationListener((ApplicationListener<Ping>) (event) -> {
					throw new IllegalStateException("listener failed");
				});
				context.publishEvent(new Ping(this));
				assertThat(multicaster.executed).isPositive();
				assertThat(multicaster.errors).singleElement()
					.satisfies((error) -> assertThat(error).hasMessage("listener failed"));
			});
		}
	}

	@Test
	void listenersAddedRemovedAndClearedReachTheMulticasterAndTheTracker() {
		this.tracked.run((context) -> {
			StatefulMulticaster multicaster = context.getBean(StatefulMulticaster.class);
			ListenerRegistry registry = context.getBean(ListenerRegistry.class);
			PingListener first = new PingListener();
			PingListener second = new PingListener();
			multicaster.addApplicationListener(first);
			multicaster.addApplicationListener(second);
			multicaster.addApplicationListener(first);
			assertThat(registry.liveListeners()).hasSize(2);
			context.publishEvent(new Ping(this));
			assertThat(first.received).hasSize(1);
			multicaster.removeApplicationListener(first);
			assertThat(registry.liveListeners()).hasSize(1);
			multicaster.removeApplicationListeners(second::equals);
			assertThat(registry.liveListeners()).isEmpty();
			context.publishEvent(new Ping(this));
			assertThat(first.received).hasSize(1);
			assertThat(second.received).hasSize(1);
			multicaster.addApplicationListener(first);
			multicaster.removeAllListeners();
			assertThat(registry.liveListeners()).isEmpty();
			assertThat(multicaster.listenerCount()).isZero();
		});
	}

	@Test
	void payloadEventsAndGenericListenersAreDeliveredTheSame() {
		List<List<String>> deliveries = new ArrayList<>();
		for (ApplicationContextRunner runner : List.of(this.plain, this.tracked)) {
			runner.run((context) -> {
				List<String> received = new CopyOnWriteArrayList<>();
				context.addApplicationListener(
						(ApplicationListener<PayloadApplicationEvent<String>>) (event) -> received.add(event.getPayload()));
				context.addApplicationListener((ApplicationListener<Ping>) (event) -> received.add("ping"));
				context.publishEvent("hello");
				context.publishEvent(new Ping(this));
				context.publishEvent(42);
				deliveries.add(received);
			});
		}
		assertThat(deliveries.get(1)).isEqualTo(deliveries.get(0)).contains("hello", "ping");
	}

	static class Ping extends ApplicationEvent {

		Ping(Object source) {
			super(source);
		}

	}

	static class PingListener implements ApplicationListener<Ping> {

		final List<Ping> received = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(Ping event) {
			this.received.add(event);
		}

	}

	/**
	 * A multicaster with state of its own, read through the bean reference by the tests.
	 */
	static class StatefulMulticaster extends SimpleApplicationEventMulticaster {

		final List<ApplicationEvent> multicast = new CopyOnWriteArrayList<>();

		final List<Throwable> errors = new CopyOnWriteArrayList<>();

		volatile int executed;

		StatefulMulticaster() {
			Executor direct = (task) -> {
				this.executed++;
				task.run();
			};
			setTaskExecutor(direct);
			ErrorHandler handler = this.errors::add;
			setErrorHandler(handler);
		}

		@Override
		public void multicastEvent(ApplicationEvent event, ResolvableType eventType) {
			this.multicast.add(event);
			super.multicastEvent(event, eventType);
		}

		int listenerCount() {
			return getApplicationListeners().size();
		}

		Collection<ApplicationListener<?>> listenersFor(ApplicationEvent event) {
			return getApplicationListeners(event, ResolvableType.forInstance(event));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StatefulMulticasterConfiguration {

		@Bean
		StatefulMulticaster applicationEventMulticaster() {
			return new StatefulMulticaster();
		}

	}

}
