package io.github.memorylifecycle.events;

import java.time.Clock;

import io.github.memorylifecycle.diagnostics.ConditionalOnEnabledFeature;
import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.github.memorylifecycle.leak.GrowthSource;
import io.github.memorylifecycle.leak.RequestLeakWatch;
import io.github.memorylifecycle.scope.Lifespans;
import io.github.memorylifecycle.scope.ScopeAutoConfiguration;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;

/**
 * Auto-configuration of the tracked event listeners: the application's event multicaster reports every listener
 * added or removed at run time, {@link ListenerRegistry} adds listeners bound to a scope, and a warning comes when one
 * event type piles them up.
 * <p>
 * When the application defines no {@code applicationEventMulticaster} bean, this provides one: Spring's own
 * multicaster with tracked registration methods. When it defines one, that one is kept and tracked through a class
 * proxy (see {@link MulticasterTrackingPostProcessor}).
 */
@AutoConfiguration(after = { ScopeAutoConfiguration.class, LifecycleWarningsAutoConfiguration.class })
@ConditionalOnEnabledFeature("listeners")
@EnableConfigurationProperties(ListenersProperties.class)
public final class ListenersAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ListenerTracker listenerTracker(ListenersProperties properties, ObjectProvider<LifecycleWarnings> warnings,
			ObjectProvider<RequestLeakWatch> leakWatch) {
		ListenerTracker tracker = new ListenerTracker(properties.getMaxPerEvent(), properties.isCaptureSites(),
				Clock.systemUTC(), warnings::getObject);
		// resolved on first use: the multicaster, and so the tracker, are created early in the context's refresh
		tracker.watchUnboundListenersWith(RequestLeakWatch.lazily(leakWatch, "listener")::accept);
		return tracker;
	}

	@Bean(name = AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME)
	@ConditionalOnMissingBean(name = AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME)
	TrackingApplicationEventMulticaster applicationEventMulticaster(ListenerTracker listenerTracker) {
		return new TrackingApplicationEventMulticaster(listenerTracker);
	}

	@Bean
	static MulticasterTrackingPostProcessor memoryLifecycleMulticasterTrackingPostProcessor(
			ObjectProvider<ListenerTracker> listenerTracker) {
		return new MulticasterTrackingPostProcessor(listenerTracker);
	}

	@Bean
	ListenerTrackingLifecycle memoryLifecycleListenerTrackingLifecycle(ListenerTracker listenerTracker) {
		return new ListenerTrackingLifecycle(listenerTracker);
	}

	@Bean
	@ConditionalOnMissingBean(ListenerRegistry.class)
	TrackingListenerRegistry listenerRegistry(ApplicationContext context, ListenerTracker listenerTracker,
			ObjectProvider<Lifespans> lifespans, ObjectProvider<LifecycleWarnings> warnings) {
		return new TrackingListenerRegistry(listenerTracker, sink(context),
				lifespans.getIfAvailable(() -> Lifespans.NONE), new OwnerReferenceCheck(warnings::getObject));
	}

	@Bean
	@ConditionalOnMissingBean(name = "runtimeListenersGrowthSource")
	GrowthSource runtimeListenersGrowthSource(ListenerTracker listenerTracker) {
		return GrowthSource.of("runtime listeners", listenerTracker::liveCount);
	}

	@Bean
	@ConditionalOnMissingBean(name = "listenersMemoryLifecycleContributor")
	MemoryLifecycleContributor listenersMemoryLifecycleContributor(ListenerTracker listenerTracker) {
		return new ListenersContributor(listenerTracker);
	}

	/**
	 * Adds and removes listeners through the multicaster, which is thread-safe: the context's own methods also
	 * update its set of listeners, a plain set without a lock that registrations from many request threads corrupt.
	 */
	private static TrackingListenerRegistry.ListenerSink sink(ApplicationContext context) {
		ApplicationEventMulticaster multicaster = context.getBean(
				AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME, ApplicationEventMulticaster.class);
		return new TrackingListenerRegistry.ListenerSink(multicaster::addApplicationListener,
				multicaster::removeApplicationListener);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class ListenersMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "memoryLifecycleListenersMeterBinder")
		MeterBinder memoryLifecycleListenersMeterBinder(ListenerTracker listenerTracker) {
			return new ListenersMeterBinder(listenerTracker);
		}

	}

}
