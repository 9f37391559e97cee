package io.github.memorylifecycle.scope;

import java.time.Clock;
import java.util.EnumSet;

import io.github.memorylifecycle.diagnostics.ConditionalOnEnabledFeature;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.session.SessionRepository;
import org.springframework.session.events.SessionDestroyedEvent;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Auto-configuration of the session scope for sessions kept by Spring Session (JDBC, Redis, any
 * {@link SessionRepository}), which the servlet container never hears of: sessions deleted on this instance end at
 * once, id changes move their cleanups, and sessions ended elsewhere are learned from the store's events (indexed
 * Redis, Hazelcast) or by a sweep ({@link SessionSweep}). Spring Session stays optional: without it, or without a
 * {@code SessionRepository} bean, nothing here applies and the container's listeners serve as before.
 */
@AutoConfiguration(after = ScopeAutoConfiguration.class,
		afterName = { "org.springframework.boot.session.autoconfigure.SessionAutoConfiguration",
				"org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration",
				"org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration" })
@ConditionalOnEnabledFeature
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SessionRepository.class, Filter.class })
@EnableConfigurationProperties(SessionStoreProperties.class)
public final class SpringSessionScopeAutoConfiguration {

	@Bean
	static SessionRepositoryEnds memoryLifecycleSessionRepositoryEnds(BeanFactory beanFactory) {
		ObjectProvider<HttpSessionCleanupRegistry> registry = beanFactory.getBeanProvider(HttpSessionCleanupRegistry.class);
		return new SessionRepositoryEnds(registry::getIfAvailable);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ HttpSessionCleanupRegistry.class, SessionRepository.class })
	static class SessionStoreConfiguration {

		@Bean
		FilterRegistrationBean<SessionIdChangeFilter> memoryLifecycleSessionIdChangeFilter(
				HttpSessionCleanupRegistry registry, Environment environment) {
			// right after Spring Session's filter, wherever spring.session.servlet.filter-order put it
			int sessionFilterOrder = Binder.get(environment)
				.bind("spring.session.servlet.filter-order", Integer.class)
				.orElse(SessionRepositoryFilter.DEFAULT_ORDER);
			FilterRegistrationBean<SessionIdChangeFilter> registration = new FilterRegistrationBean<>(
					new SessionIdChangeFilter(registry));
			registration.setName("memoryLifecycleSessionIdChangeFilter");
			registration.setOrder(sessionFilterOrder + 1);
			registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC,
					DispatcherType.ERROR));
			registration.setAsyncSupported(true);
			return registration;
		}

		@Bean
		ApplicationListener<SessionDestroyedEvent> memoryLifecycleSessionEventsListener(
				HttpSessionCleanupRegistry registry) {
			// deleted or expired, here or on another instance: stores that publish events say so on every instance
			return (event) -> registry.sessionEnded(event.getSessionId());
		}

		@Bean
		@ConditionalOnMissingBean
		SessionSweep memoryLifecycleSessionSweep(HttpSessionCleanupRegistry registry,
				SessionRepository<?> repository, SessionStoreProperties properties) {
			return new SessionSweep(new SpringSessionSweptSessions(registry, repository), properties.getSweep(),
					Clock.systemUTC());
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(MeterBinder.class)
		static class SessionSweepMetricsConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "memoryLifecycleSessionSweepMeterBinder")
			MeterBinder memoryLifecycleSessionSweepMeterBinder(SessionSweep sweep) {
				return (meters) -> {
					FunctionTimer
						.builder("memory.lifecycle.session.sweep", sweep, SessionSweep::runs, SessionSweep::runSeconds,
								java.util.concurrent.TimeUnit.SECONDS)
						.description("Sweeps asking the session store which sessions still exist")
						.tag("outcome", "success")
						.register(meters);
					FunctionTimer
						.builder("memory.lifecycle.session.sweep", sweep, SessionSweep::failedRuns,
								SessionSweep::failedRunSeconds, java.util.concurrent.TimeUnit.SECONDS)
						.description("Sweeps asking the session store which sessions still exist")
						.tag("outcome", "failure")
						.register(meters);
				};
			}

		}

	}

}
