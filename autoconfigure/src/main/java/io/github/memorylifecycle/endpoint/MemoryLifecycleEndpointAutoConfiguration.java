package io.github.memorylifecycle.endpoint;

import io.github.memorylifecycle.diagnostics.ConditionalOnEnabledFeature;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.PathMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@link MemoryLifecycleEndpoint}: the endpoint, and on the web its extension and the path
 * mapper that serves it at {@code /actuator/memory-lifecycle}.
 */
@AutoConfiguration(after = LifecycleWarningsAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnEnabledFeature
@ConditionalOnAvailableEndpoint(MemoryLifecycleEndpoint.class)
@EnableConfigurationProperties(MemoryLifecycleEndpointProperties.class)
public final class MemoryLifecycleEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MemoryLifecycleEndpoint memoryLifecycleEndpoint(ObjectProvider<MemoryLifecycleContributor> contributors,
			MemoryLifecycleEndpointProperties properties) {
		return new MemoryLifecycleEndpoint(contributors.orderedStream().toList(), properties.getShowDetails(),
				properties.getRoles(), properties.getDefaultLimit(), properties.getMaxLimit());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnAvailableEndpoint(endpoint = MemoryLifecycleEndpoint.class, exposure = EndpointExposure.WEB)
	static class WebConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MemoryLifecycleEndpointWebExtension memoryLifecycleEndpointWebExtension(MemoryLifecycleEndpoint endpoint) {
			return new MemoryLifecycleEndpointWebExtension(endpoint);
		}

		@Bean
		@ConditionalOnMissingBean(name = "memoryLifecyclePathMapper")
		PathMapper memoryLifecyclePathMapper() {
			return new MemoryLifecyclePathMapper();
		}

	}

}
