package io.github.memorylifecycle.events;

import java.util.List;
import java.util.Map;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.github.memorylifecycle.scope.ScopeAutoConfiguration;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.EventListener;
import org.springframework.context.event.SimpleApplicationEventMulticaster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link ListenersAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ListenersAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleWarningsAutoConfiguration.class,
				ScopeAutoConfiguration.class, ListenersAutoConfiguration.class));

	@Test
	void providesATrackingMulticasterWhenTheApplicationDefinesNone() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean("applicationEventMulticaster"))
				.isInstanceOf(TrackingApplicationEventMulticaster.class);
			assertThat(context).hasSingleBean(ListenerRegistry.class);
			assertThat(context).hasSingleBean(ListenersProperties.class);
			assertThat(context).hasBean("listenersMemoryLifecycleContributor");
			assertThat(context).hasBean("memoryLifecycleListenersMeterBinder");
		});
	}

	@Test
	void tracksTheApplicationMulticasterInPlaceWithoutAProxy(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(UserMulticasterConfiguration.class).run((context) -> {
			Object multicaster = context.getBean("applicationEventMulticaster");
			assertThat(AopUtils.isAopProxy(multicaster)).isFalse();
			assertThat(multicaster).isExactlyInstanceOf(UserMulticaster.class);
			assertThat(context.getBean(UserMulticaster.class)).isSameAs(multicaster);
			context.addApplicationListener(new OrderListener());
			assertThat(context.getBean(ListenerRegistry.class).liveListeners()).singleElement()
				.satisfies((info) -> assertThat(info.eventType()).isEqualTo(OrderPlaced.class.getName()));
		});
		assertThat(output).contains("Tracking the event listeners of the application's ApplicationEventMulticaster ("
				+ UserMulticaster.class.getName() + ") in place: its own instance, no proxy");
	}

	@Test
	void tracksRemovalsOnTheApplicationMulticasterInPlace() {
		this.contextRunner.withUserConfiguration(UserMulticasterConfiguration.class).run((context) -> {
			ApplicationEventMulticaster multicaster = context.getBean(ApplicationEventMulticaster.class);
			OrderListener first = new OrderListener();
			context.addApplicationListener(first);
			context.addApplicationListener(new OrderListener());
			multicaster.addApplicationListener(new OrderListener());
			ListenerRegistry registry = context.getBean(ListenerRegistry.class);
			assertThat(registry.liveListeners()).hasSize(3);
			context.removeApplicationListener(first);
			assertThat(registry.liveListeners()).extracting(ListenerInfo::id).containsExactly(2L, 3L);
			multicaster.removeApplicationListeners(OrderListener.class::isInstance);
			assertThat(registry.liveListeners()).isEmpty();
		});
	}

	@Test
	void countsTheSameStartupListenersWhetherItProvidesTheMulticasterOrProxiesTheApplicationOne() {
		ApplicationContextRunner runner = this.contextRunner.withUserConfiguration(StartupListenersConfiguration.class);
		int provided = startupCount(runner);
		int proxied = startupCount(runner.withUserConfiguration(UserMulticasterConfiguration.class));
		assertThat(proxied).isEqualTo(provided).isPositive();
	}

	@Test
	void tracksAFinalApplicationMulticasterInPlaceToo() {
		this.contextRunner.withUserConfiguration(FinalMulticasterConfiguration.class).run((context) -> {
			assertThat(context.getBean("applicationEventMulticaster")).isExactlyInstanceOf(FinalMulticaster.class);
			context.addApplicationListener(new OrderListener());
			assertThat(context.getBean(ListenerRegistry.class).liveListeners()).hasSize(1);
		});
	}

	@Test
	void leavesAMulticasterThatIsNotSpringsAloneWithOneWarning(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(OwnMulticasterConfiguration.class).run((context) -> {
			assertThat(context.getBean("applicationEventMulticaster")).isExactlyInstanceOf(OwnMulticaster.class);
			context.addApplicationListener(new OrderListener());
			ListenerRegistry registry = context.getBean(ListenerRegistry.class);
			assertThat(registry.liveListeners()).isEmpty();
			registry.on(OrderPlaced.class, (event) -> {
			}).cancel();
			registry.on(OrderPlaced.class, (event) -> {
			});
			assertThat(registry.liveListeners()).singleElement()
				.satisfies((info) -> assertThat(info.eventType()).isEqualTo(OrderPlaced.class.getName()));
		});
		assertThat(output).containsOnlyOnce("Not tracking the event listeners added at run time: the application's "
				+ "ApplicationEventMulticaster (" + OwnMulticaster.class.getName()
				+ ") is not tracked because it does not extend Spring's AbstractApplicationEventMulticaster.");
	}

	@Test
	void listenersKnownAtStartupAreCountedApartFromRuntimeListeners() {
		int startupListenersOfTheContext = startupCount(this.contextRunner);
		this.contextRunner.withUserConfiguration(StartupListenersConfiguration.class).run((context) -> {
			MemoryLifecycleContributor contributor = context.getBean("listenersMemoryLifecycleContributor",
					MemoryLifecycleContributor.class);
			context.addApplicationListener(new OrderListener());
			Map<?, ?> part = (Map<?, ?>) contributor.describe(10);
			assertThat(part.get("live")).isEqualTo(1);
			// one listener bean and one @EventListener method
			assertThat(part.get("static")).isEqualTo(startupListenersOfTheContext + 2);
			assertThat(context.getBean(ListenerRegistry.class).liveListeners()).hasSize(1);
		});
	}

	@Test
	void endpointPartListsTheOldestRuntimeListenersUpToTheLimit() {
		this.contextRunner.run((context) -> {
			MemoryLifecycleContributor contributor = context.getBean("listenersMemoryLifecycleContributor",
					MemoryLifecycleContributor.class);
			for (int i = 0; i < 3; i++) {
				context.addApplicationListener(new OrderListener());
			}
			assertThat(contributor.part()).isEqualTo("listeners");
			Map<?, ?> part = (Map<?, ?>) contributor.describe(2);
			assertThat(part.keySet()).map(Object::toString).containsExactly("live", "static", "items");
			assertThat(part.get("live")).isEqualTo(3);
			assertThat((List<?>) part.get("items")).hasSize(2)
				.allSatisfy((item) -> assertThat(((ListenerInfo) item).listener())
					.isEqualTo(OrderListener.class.getName()));
		});
	}

	@Test
	void metersReportLiveRuntimeListenersAndWarnings() {
		this.contextRunner.withPropertyValues("memory.lifecycle.listeners.max-per-event=1").run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean("memoryLifecycleListenersMeterBinder", MeterBinder.class).bindTo(registry);
			context.addApplicationListener(new OrderListener());
			context.addApplicationListener(new OrderListener());
			assertThat(registry.get("memory.lifecycle.listeners.live").gauge().value()).isEqualTo(2);
			assertThat(registry.get("memory.lifecycle.listeners.warnings").functionCounter().count()).isEqualTo(1);
		});
	}

	@Test
	void siteCaptureCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("memory.lifecycle.listeners.capture-sites=false").run((context) -> {
			context.addApplicationListener(new OrderListener());
			assertThat(context.getBean(ListenerRegistry.class).liveListeners()).singleElement()
				.satisfies((info) -> assertThat(info.site()).isNull());
		});
	}

	@Test
	void failsAtStartupWithAnAnalysisThatNamesAnInvalidMaxPerEvent() {
		this.contextRunner.withPropertyValues("memory.lifecycle.listeners.max-per-event=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo("memory.lifecycle.listeners.max-per-event");
					assertThat(ex.getValue()).isEqualTo(0);
					assertThat(ex.getReason()).contains("must be 1 or more",
							"Set memory.lifecycle.listeners.max-per-event to 1 or more");
				});
		});
	}

	@Test
	void backsOffWhenListenerTrackingIsDisabled() {
		this.contextRunner.withPropertyValues("memory.lifecycle.listeners.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ListenerRegistry.class);
			assertThat(context).doesNotHaveBean(ListenerTracker.class);
			assertThat(context.getBean("applicationEventMulticaster"))
				.isExactlyInstanceOf(SimpleApplicationEventMulticaster.class);
		});
	}

	@Test
	void backsOffWhenMemoryLifecycleIsDisabled() {
		this.contextRunner.withPropertyValues("memory.lifecycle.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ListenerRegistry.class);
			assertThat(context).doesNotHaveBean(ListenerTracker.class);
			assertThat(context.getBean("applicationEventMulticaster"))
				.isExactlyInstanceOf(SimpleApplicationEventMulticaster.class);
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnListenerRegistry() {
		this.contextRunner.withBean(ListenerRegistry.class, () -> mock(ListenerRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(ListenerRegistry.class)
				.doesNotHaveBean(TrackingListenerRegistry.class));
	}

	@Test
	void definesNoMeterBinderWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean("memoryLifecycleListenersMeterBinder");
			assertThat(context).hasSingleBean(ListenerRegistry.class);
		});
	}

	private static int startupCount(ApplicationContextRunner runner) {
		int[] count = new int[1];
		runner.run((context) -> count[0] = context.getBean(ListenerTracker.class).startupCount());
		return count[0];
	}

	static class OrderPlaced extends ApplicationEvent {

		OrderPlaced(Object source) {
			super(source);
		}

	}

	static class OrderListener implements ApplicationListener<OrderPlaced> {

		@Override
		public void onApplicationEvent(OrderPlaced event) {
		}

	}

	static class UserMulticaster extends SimpleApplicationEventMulticaster {

	}

	static final class FinalMulticaster extends SimpleApplicationEventMulticaster {

	}

	/**
	 * A multicaster of the application's own making, not Spring's: it keeps its listeners itself.
	 */
	static final class OwnMulticaster
			implements ApplicationEventMulticaster, org.springframework.beans.factory.BeanFactoryAware {

		private final SimpleApplicationEventMulticaster delegate = new SimpleApplicationEventMulticaster();

		@Override
		public void setBeanFactory(org.springframework.beans.factory.BeanFactory beanFactory) {
			this.delegate.setBeanFactory(beanFactory);
		}

		@Override
		public void addApplicationListener(ApplicationListener<?> listener) {
			this.delegate.addApplicationListener(listener);
		}

		@Override
		public void addApplicationListenerBean(String listenerBeanName) {
			this.delegate.addApplicationListenerBean(listenerBeanName);
		}

		@Override
		public void removeApplicationListener(ApplicationListener<?> listener) {
			this.delegate.removeApplicationListener(listener);
		}

		@Override
		public void removeApplicationListenerBean(String listenerBeanName) {
			this.delegate.removeApplicationListenerBean(listenerBeanName);
		}

		@Override
		public void removeApplicationListeners(java.util.function.Predicate<ApplicationListener<?>> predicate) {
			this.delegate.removeApplicationListeners(predicate);
		}

		@Override
		public void removeApplicationListenerBeans(java.util.function.Predicate<String> predicate) {
			this.delegate.removeApplicationListenerBeans(predicate);
		}

		@Override
		public void removeAllListeners() {
			this.delegate.removeAllListeners();
		}

		@Override
		public void multicastEvent(ApplicationEvent event) {
			this.delegate.multicastEvent(event);
		}

		@Override
		public void multicastEvent(ApplicationEvent event, org.springframework.core.ResolvableType eventType) {
			this.delegate.multicastEvent(event, eventType);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnMulticasterConfiguration {

		@Bean
		OwnMulticaster applicationEventMulticaster() {
			return new OwnMulticaster();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserMulticasterConfiguration {

		@Bean
		UserMulticaster applicationEventMulticaster() {
			return new UserMulticaster();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FinalMulticasterConfiguration {

		@Bean
		ApplicationEventMulticaster applicationEventMulticaster() {
			return new FinalMulticaster();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StartupListenersConfiguration {

		@Bean
		OrderListener orderListener() {
			return new OrderListener();
		}

		@Bean
		MethodListener methodListener() {
			return new MethodListener();
		}

	}

	static class MethodListener {

		@EventListener
		void onOrder(OrderPlaced event) {
		}

	}

}
