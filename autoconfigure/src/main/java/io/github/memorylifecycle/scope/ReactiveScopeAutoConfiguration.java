package io.github.memorylifecycle.scope;

import java.time.Clock;

import io.github.memorylifecycle.diagnostics.ConditionalOnEnabledFeature;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;

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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(ExchangeCleanupRegistry.class)
	static class ExchangeScopeConfiguration {

		@Bean
		ReactiveExchangeCleanupRegistry exchangeCleanupRegistry() {
			return new ReactiveExchangeCleanupRegistry();
		}

		@Bean
		@Conditional(RequestReplacedBeforeExchange.class)
		ExchangeScopeFilter memoryLifecycleExchangeScopeFilter(ReactiveExchangeCleanupRegistry registry) {
			return new ExchangeScopeFilter(registry);
		}

	}

	/**
	 * A {@code ForwardedHeaderTransformer} replaces the request before WebFlux creates the exchange, so the exchange
	 * scope's decorator cannot reach the exchange's attributes: Boot's (with
	 * {@code server.forward-headers-strategy=framework}) or the application's own bean.
	 */
	static final class RequestReplacedBeforeExchange extends AnyNestedCondition {

		RequestReplacedBeforeExchange() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(name = "server.forward-headers-strategy", havingValue = "framework")
		static final class FrameworkForwardedHeaders {

		}

		@ConditionalOnBean(ForwardedHeaderTransformer.class)
		static final class ForwardedHeaderTransformerBean {

		}

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
