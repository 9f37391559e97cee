package io.github.memorylifecycle.scope;

import java.time.Clock;

import io.github.memorylifecycle.diagnostics.ConditionalOnEnabledFeature;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.ServerWebExchange;

/**
 * Auto-configuration of the exchange and web-session scopes of WebFlux applications: {@link ExchangeCleanupRegistry}
 * and {@link WebSessionCleanupRegistry}, whose figures the endpoint shows under the same keys as the servlet scopes
 * ({@code request}, {@code session}), so that one dashboard serves both stacks. Each backs off when the application
 * defines its own.
 */
@AutoConfiguration(after = ScopeAutoConfiguration.class)
@ConditionalOnEnabledFeature
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(ServerWebExchange.class)
public final class ReactiveScopeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ExchangeCleanupRegistry.class)
	ReactiveExchangeCleanupRegistry exchangeCleanupRegistry() {
		return new ReactiveExchangeCleanupRegistry();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(WebSessionCleanupRegistry.class)
	@EnableConfigurationProperties(SessionStoreProperties.class)
	static class WebSessionScopeConfiguration {

		@Bean(destroyMethod = "close")
		ReactiveWebSessionCleanupRegistry webSessionCleanupRegistry() {
			return new ReactiveWebSessionCleanupRegistry();
		}

		@Bean
		static WebSessionStorePostProcessor memoryLifecycleWebSessionStorePostProcessor(BeanFactory beanFactory) {
			ObjectProvider<ReactiveWebSessionCleanupRegistry> registry = beanFactory
				.getBeanProvider(ReactiveWebSessionCleanupRegistry.class);
			return new WebSessionStorePostProcessor(registry::getIfAvailable);
		}

		@Bean
		SessionSweep memoryLifecycleWebSessionSweep(ReactiveWebSessionCleanupRegistry registry,
				SessionStoreProperties properties) {
			return new SessionSweep(registry.swept(), properties.getSweep(), Clock.systemUTC());
		}

	}

}
