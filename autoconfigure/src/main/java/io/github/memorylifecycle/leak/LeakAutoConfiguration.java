package io.github.memorylifecycle.leak;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.github.memorylifecycle.diagnostics.ConditionalOnEnabledFeature;
import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.github.memorylifecycle.scope.OwnerCleanupListener;
import io.github.memorylifecycle.scope.RequestCleanupRegistry;
import io.github.memorylifecycle.scope.ScopeAutoConfiguration;
import io.github.memorylifecycle.scope.ScopeStatistics;
import io.github.memorylifecycle.scope.SessionCleanupRegistry;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Auto-configuration of leak detection: the {@link LeakWatcher} with its sources (owners cleaned up, request- and
 * session-scoped beans), the GC notifications it learns old-generation collections from, the heap-growth trend, the
 * endpoint's {@code leaks} part and the metrics.
 */
@AutoConfiguration(after = { LifecycleWarningsAutoConfiguration.class, ScopeAutoConfiguration.class })
@ConditionalOnEnabledFeature("leak")
@EnableConfigurationProperties(LeakProperties.class)
public final class LeakAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(LeakWatcher.class)
	WeakReferenceLeakWatcher leakWatcher(LeakProperties properties, LifecycleWarnings warnings) {
		return new WeakReferenceLeakWatcher(properties, warnings, Clock.systemUTC(), System::nanoTime);
	}

	@Bean
	@ConditionalOnMissingBean(name = "leaksMemoryLifecycleContributor")
	MemoryLifecycleContributor leaksMemoryLifecycleContributor(LeakWatcher leakWatcher,
			ObjectProvider<HeapGrowthMonitor> heapGrowth) {
		return new LeaksContributor(leakWatcher, heapGrowth.getIfAvailable(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(name = "leakWatchingOwnerCleanupListener")
	OwnerCleanupListener leakWatchingOwnerCleanupListener(ObjectProvider<LeakWatcher> leakWatcher) {
		return new OwnerCleanupLeakListener(leakWatcher);
	}

	@Bean
	@ConditionalOnMissingBean(name = "scopedBeanLeakWatchPostProcessor")
	static ScopedBeanLeakWatchPostProcessor scopedBeanLeakWatchPostProcessor(ObjectProvider<LeakWatcher> leakWatcher,
			ObjectProvider<RequestCleanupRegistry> requestCleanupRegistry,
			ObjectProvider<SessionCleanupRegistry> sessionCleanupRegistry) {
		return new ScopedBeanLeakWatchPostProcessor(leakWatcher, requestCleanupRegistry, sessionCleanupRegistry);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "com.sun.management.GarbageCollectionNotificationInfo")
	static class GcNotificationConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		GcNotificationListener leakGcNotificationListener(ObjectProvider<LeakWatcher> leakWatcher,
				ObjectProvider<HeapGrowthMonitor> heapGrowth) {
			List<CollectionListener> listeners = new ArrayList<>(2);
			leakWatcher.ifAvailable((watcher) -> {
				if (watcher instanceof CollectionListener listener) {
					listeners.add(listener);
				}
			});
			heapGrowth.ifAvailable(listeners::add);
			return new GcNotificationListener(CollectionClassifier.forThisJvm(), listeners).start();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledFeature("leak.heap-growth")
	static class HeapGrowthConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HeapGrowthMonitor heapGrowthMonitor(LeakProperties properties, LifecycleWarnings warnings,
				ObjectProvider<GrowthSource> growthSources, ObjectProvider<LeakWatcher> leakWatcher,
				ObjectProvider<ScopeStatistics> scopeStatistics) {
			List<GrowthSource> sources = new ArrayList<>(growthSources.orderedStream().toList());
			scopeStatistics.ifAvailable((scopes) -> sources.addAll(CountingGrowthSource.ofScopes(scopes.all())));
			leakWatcher.ifAvailable((watcher) -> sources
				.add(new CountingGrowthSource("retained leak suspects", () -> retainedSuspects(watcher))));
			return new HeapGrowthMonitor(properties.getHeapGrowth(), CollectionClassifier.longLivedMax(), sources,
					warnings, Clock.systemUTC());
		}

		private static long retainedSuspects(LeakWatcher watcher) {
			if (watcher instanceof WeakReferenceLeakWatcher own) {
				return own.suspectStore().retained();
			}
			return watcher.suspects().stream().mapToLong(LeakSuspect::retained).sum();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(RequestContextHolder.class)
	static class RequestLeakWatchConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(RequestCleanupRegistry.class)
		RequestLeakWatch requestLeakWatch(LeakWatcher leakWatcher, RequestCleanupRegistry requestCleanupRegistry) {
			return new RequestLeakWatch(leakWatcher, requestCleanupRegistry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class LeakMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "memoryLifecycleLeakMeterBinder")
		MeterBinder memoryLifecycleLeakMeterBinder(LeakWatcher leakWatcher,
				ObjectProvider<HeapGrowthMonitor> heapGrowth) {
			return new LeakMeterBinder(leakWatcher, heapGrowth.getIfAvailable());
		}

	}

}
