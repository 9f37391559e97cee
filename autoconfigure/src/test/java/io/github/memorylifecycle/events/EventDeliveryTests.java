package io.github.memorylifecycle.events;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import io.github.memorylifecycle.scope.ScopeAutoConfiguration;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Event delivery with tracking is the same as without: the same scenario (listener beans, ordered
 * {@code @EventListener} methods, generic events, payload events, a runtime listener) runs on Spring's own multicaster
 * and on the tracked one, synchronously and on an application-defined multicaster with an executor and an error
 * handler.
 */
class EventDeliveryTests {

	private static final List<String> EXPECTED = List.of("runtime order", "method order", "bean order",
			"generic text", "payload text");

	private final ApplicationContextRunner plain = new ApplicationContextRunner()
		.withUserConfiguration(EventScenario.class);

	private final ApplicationContextRunner tracked = this.plain.withConfiguration(AutoConfigurations
		.of(LifecycleWarningsAutoConfiguration.class, ScopeAutoConfiguration.class, ListenersAutoConfiguration.class));

	@Test
	void trackedMulticasterDeliversLikeSpringsOwn() {
		List<String> withoutTracking = run(this.plain, this::publishScenario);
		List<String> withTracking = run(this.tracked, (context) -> {
			assertThat(context.getBean("applicationEventMulticaster"))
				.isInstanceOf(TrackingApplicationEventMulticaster.class);
			List<String> deliveries = publishScenario(context);
			assertThat(context.getBean(ListenerRegistry.class).liveListeners()).singleElement()
				.satisfies((info) -> assertThat(info.eventType()).isEqualTo(OrderPlaced.class.getName()));
			return deliveries;
		});
		assertThat(withoutTracking).isEqualTo(EXPECTED);
		assertThat(withTracking).isEqualTo(withoutTracking);
	}

	@Test
	void trackedApplicationMulticasterWithAnExecutorDeliversLikeTheUntrackedOne() {
		List<String> withoutTracking = run(this.plain.withUserConfiguration(ExecutorMulticaster.class),
				this::publishScenario);
		List<String> withTracking = run(this.tracked.withUserConfiguration(ExecutorMulticaster.class), (context) -> {
			assertThat(AopUtils.isAopProxy(context.getBean("applicationEventMulticaster"))).isFalse();
			List<String> deliveries = publishScenario(context);
			assertThat(context.getBean(ListenerRegistry.class).liveListeners()).hasSize(1);
			return deliveries;
		});
		assertThat(withoutTracking).isEqualTo(EXPECTED);
		assertThat(withTracking).isEqualTo(withoutTracking);
	}

	@Test
	void eventsAreDeliveredOnTheApplicationExecutorWhenTracked() {
		this.tracked.withUserConfiguration(ExecutorMulticaster.class).run((context) -> {
			publishScenario(context);
			assertThat(context.getBean(Deliveries.class).threads).allMatch((thread) -> thread.startsWith("events-"));
		});
	}

	@Test
	void applicationErrorHandlerStillHandlesListenerFailuresWhenTracked() {
		this.tracked.withUserConfiguration(ExecutorMulticaster.class).run((context) -> {
			context.addApplicationListener((ApplicationListener<OrderPlaced>) (event) -> {
				throw new IllegalStateException("listener failed");
			});
			context.publishEvent(new OrderPlaced(this));
			Deliveries deliveries = context.getBean(Deliveries.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> !deliveries.errors.isEmpty());
			assertThat(deliveries.errors).containsExactly("listener failed");
		});
	}

	@Test
	void listenerFailureReachesThePublisherWithoutAnErrorHandlerAsWithoutTracking() {
		this.tracked.run((context) -> {
			context.addApplicationListener((ApplicationListener<OrderPlaced>) (event) -> {
				throw new IllegalStateException("listener failed");
			});
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> context.publishEvent(new OrderPlaced(this)))
				.withMessage("listener failed");
		});
	}

	@Test
	void registryListenersReceiveEventsAndPayloadsInOrderAfterOrderedListeners() {
		this.tracked.run((context) -> {
			ListenerRegistry registry = context.getBean(ListenerRegistry.class);
			Deliveries deliveries = context.getBean(Deliveries.class);
			registry.on(OrderPlaced.class, (event) -> deliveries.add("registry order"));
			registry.on(String.class, (payload) -> deliveries.add("registry " + payload));
			registry.on(Integer.class, (payload) -> deliveries.add("registry number " + payload));
			context.publishEvent(new OrderPlaced(this));
			context.publishEvent("text");
			context.publishEvent(7);
			assertThat(deliveries.values).containsExactly("method order", "bean order", "registry order",
					"payload text", "registry text", "registry number 7");
		});
	}

	private List<String> run(ApplicationContextRunner runner,
			Function<AssertableApplicationContext, List<String>> scenario) {
		List<List<String>> result = new CopyOnWriteArrayList<>();
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			result.add(scenario.apply(context));
		});
		return result.get(0);
	}

	private List<String> publishScenario(AssertableApplicationContext context) {
		Deliveries deliveries = context.getBean(Deliveries.class);
		context.addApplicationListener(new RuntimeOrderListener(deliveries));
		context.publishEvent(new OrderPlaced(this));
		context.publishEvent(new Wrapped<>(this, "text"));
		context.publishEvent(new Wrapped<>(this, 42));
		context.publishEvent("text");
		await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.values.size() >= EXPECTED.size());
		return List.copyOf(deliveries.values);
	}

	@Configuration(proxyBeanMethods = false)
	static class EventScenario {

		@Bean
		Deliveries deliveries() {
			return new Deliveries();
		}

		@Bean
		BeanOrderListener beanOrderListener(Deliveries deliveries) {
			return new BeanOrderListener(deliveries);
		}

		@Bean
		MethodListeners methodListeners(Deliveries deliveries) {
			return new MethodListeners(deliveries);
		}

		@Bean
		GenericListener genericListener(Deliveries deliveries) {
			return new GenericListener(deliveries);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ExecutorMulticaster {

		@Bean(destroyMethod = "shutdown")
		ExecutorService eventExecutor() {
			return Executors.newSingleThreadExecutor((task) -> new Thread(task, "events-1"));
		}

		@Bean
		SimpleApplicationEventMulticaster applicationEventMulticaster(ExecutorService eventExecutor,
				Deliveries deliveries) {
			SimpleApplicationEventMulticaster multicaster = new SimpleApplicationEventMulticaster();
			multicaster.setTaskExecutor(eventExecutor);
			multicaster.setErrorHandler((ex) -> deliveries.errors.add(ex.getMessage()));
			return multicaster;
		}

	}

	static class Deliveries {

		final List<String> values = new CopyOnWriteArrayList<>();

		final List<String> threads = new CopyOnWriteArrayList<>();

		final List<String> errors = new CopyOnWriteArrayList<>();

		void add(String value) {
			this.values.add(value);
			this.threads.add(Thread.currentThread().getName());
		}

	}

	static class OrderPlaced extends ApplicationEvent {

		OrderPlaced(Object source) {
			super(source);
		}

	}

	static class Wrapped<T> extends ApplicationEvent implements ResolvableTypeProvider {

		private final T value;

		Wrapped(Object source, T value) {
			super(source);
			this.value = value;
		}

		@Override
		public ResolvableType getResolvableType() {
			return ResolvableType.forClassWithGenerics(Wrapped.class, ResolvableType.forInstance(this.value));
		}

	}

	record RuntimeOrderListener(Deliveries deliveries) implements ApplicationListener<OrderPlaced>, Ordered {

		@Override
		public void onApplicationEvent(OrderPlaced event) {
			this.deliveries.add("runtime order");
		}

		@Override
		public int getOrder() {
			return 0;
		}

	}

	record BeanOrderListener(Deliveries deliveries) implements ApplicationListener<OrderPlaced>, Ordered {

		@Override
		public void onApplicationEvent(OrderPlaced event) {
			this.deliveries.add("bean order");
		}

		@Override
		public int getOrder() {
			return 2;
		}

	}

	record GenericListener(Deliveries deliveries) implements ApplicationListener<Wrapped<String>> {

		@Override
		public void onApplicationEvent(Wrapped<String> event) {
			this.deliveries.add("generic " + event.value);
		}

	}

	static class MethodListeners {

		private final Deliveries deliveries;

		MethodListeners(Deliveries deliveries) {
			this.deliveries = deliveries;
		}

		@EventListener
		@Order(1)
		void onOrder(OrderPlaced event) {
			this.deliveries.add("method order");
		}

		@EventListener
		void onPayload(String payload) {
			this.deliveries.add("payload " + payload);
		}

	}

}
