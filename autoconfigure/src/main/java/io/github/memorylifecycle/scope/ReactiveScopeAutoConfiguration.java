package io.github.memorylifecycle.scope;

import io.github.memorylifecycle.diagnostics.ConditionalOnEnabledFeature;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
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

}
