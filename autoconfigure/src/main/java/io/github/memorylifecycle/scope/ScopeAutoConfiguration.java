package io.github.memorylifecycle.scope;

import io.github.memorylifecycle.diagnostics.ConditionalOnEnabledFeature;
import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Auto-configuration of the scoped cleanup registries: application and owner scopes everywhere, request and
 * session scopes in servlet web applications. Each registry backs off when the application defines its own.
 */
@AutoConfiguration
@ConditionalOnEnabledFeature
public final class ScopeAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(ApplicationCleanupRegistry.class)
	DefaultApplicationCleanupRegistry applicationCleanupRegistry(ApplicationContext context) {
		return new DefaultApplicationCleanupRegistry(context);
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(OwnerCleanupRegistry.class)
	WeakOwnerCleanupRegistry ownerCleanupRegistry(ObjectProvider<OwnerCleanupListener> listeners) {
		return new WeakOwnerCleanupRegistry(listeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	Lifespans memoryLifecycleLifespans(ObjectProvider<RequestCleanupRegistry> requests,
			ObjectProvider<SessionCleanupRegistry> sessions, ObjectProvider<OwnerCleanupRegistry> owners) {
		return new Lifespans(requests::getIfAvailable, sessions::getIfAvailable, owners::getIfAvailable);
	}

	@Bean
	@ConditionalOnMissingBean
	ScopeStatistics memoryLifecycleScopeStatistics(ObjectProvider<StatisticsSource> sources) {
		// through a servlet-free type: naming the servlet registries here would load the servlet API everywhere
		return new ScopeStatistics(sources);
	}

	@Bean
	@ConditionalOnMissingBean(name = "registriesMemoryLifecycleContributor")
	MemoryLifecycleContributor registriesMemoryLifecycleContributor(ScopeStatistics scopeStatistics,
			ObjectProvider<SessionEnds> sessionEnds) {
		return new RegistriesContributor(scopeStatistics, sessionEnds);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ Filter.class, RequestContextHolder.class })
	@ConditionalOnMissingBean(RequestCleanupRegistry.class)
	static class RequestScopeConfiguration {

		@Bean
		ServletRequestCleanupRegistry requestCleanupRegistry() {
			return new ServletRequestCleanupRegistry();
		}

		@Bean
		FilterRegistrationBean<RequestScopeFilter> memoryLifecycleRequestScopeFilter(
				ServletRequestCleanupRegistry requestCleanupRegistry) {
			FilterRegistrationBean<RequestScopeFilter> registration = new FilterRegistrationBean<>(
					new RequestScopeFilter(requestCleanupRegistry));
			registration.setName("memoryLifecycleRequestScopeFilter");
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			registration.setAsyncSupported(true);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ Filter.class, RequestContextHolder.class })
	@ConditionalOnMissingBean(SessionCleanupRegistry.class)
	static class SessionScopeConfiguration {

		@Bean(destroyMethod = "close")
		HttpSessionCleanupRegistry sessionCleanupRegistry() {
			return new HttpSessionCleanupRegistry();
		}

		@Bean
		ServletListenerRegistrationBean<HttpSessionCleanupRegistry> memoryLifecycleSessionListener(
				HttpSessionCleanupRegistry sessionCleanupRegistry) {
			return new ServletListenerRegistrationBean<>(sessionCleanupRegistry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class ScopeMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "memoryLifecycleScopeMeterBinder")
		MeterBinder memoryLifecycleScopeMeterBinder(ScopeStatistics scopeStatistics) {
			return new ScopeMeterBinder(scopeStatistics.all());
		}

	}

}
