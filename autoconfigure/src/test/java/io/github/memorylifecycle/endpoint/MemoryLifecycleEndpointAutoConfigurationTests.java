package io.github.memorylifecycle.endpoint;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.github.memorylifecycle.memory.MemoryAutoConfiguration;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jmx.JmxEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.PathMapper;
import org.springframework.boot.actuate.endpoint.web.WebEndpointsSupplier;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryLifecycleEndpointAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
				LifecycleWarningsAutoConfiguration.class, MemoryAutoConfiguration.class,
				MemoryLifecycleEndpointAutoConfiguration.class));

	@Test
	void endpointIsAbsentUntilExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(MemoryLifecycleEndpoint.class)
			.doesNotHaveBean(MemoryLifecycleEndpointWebExtension.class));
	}

	@Test
	void exposingMemoryLifecycleServesTheEndpointAtItsDashedPath() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=memory-lifecycle")
			.run((context) -> {
				assertThat(context).hasSingleBean(MemoryLifecycleEndpoint.class)
					.hasSingleBean(MemoryLifecycleEndpointWebExtension.class)
					.hasBean("memoryLifecyclePathMapper")
					.hasBean("warningsMemoryLifecycleContributor");
				ExposableWebEndpoint endpoint = webEndpoint(context);
				assertThat(endpoint.getRootPath()).isEqualTo("memory-lifecycle");
				assertThat(context.getBean(MemoryLifecycleEndpoint.class).parts()).containsExactly("memory",
						"warnings");
			});
	}

	@Test
	void camelCaseIdWorksInPropertiesToo() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=memoryLifecycle")
			.run((context) -> assertThat(webEndpoint(context).getRootPath()).isEqualTo("memory-lifecycle"));
	}

	@Test
	void pathMappingPropertyStillWins() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=memory-lifecycle",
					"management.endpoints.web.path-mapping.memoryLifecycle=memory")
			.run((context) -> assertThat(webEndpoint(context).getRootPath()).isEqualTo("memory"));
	}

	@Test
	void isReadOnlyByDefault() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=memory-lifecycle")
			.run((context) -> assertThat(operationTypes(context)).containsOnly(OperationType.READ));
	}

	@Test
	void unrestrictedAccessWithTheDashedIdAddsTheWriteOperation() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=memory-lifecycle",
					"management.endpoint.memory-lifecycle.access=UNRESTRICTED")
			.run((context) -> assertThat(operationTypes(context)).contains(OperationType.READ, OperationType.WRITE));
	}

	@Test
	void accessNoneWithTheDashedIdRemovesTheEndpoint() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=memory-lifecycle",
					"management.endpoint.memory-lifecycle.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(MemoryLifecycleEndpoint.class));
	}

	@Test
	void pathMapperMapsOnlyThisEndpoint() {
		PathMapper mapper = new MemoryLifecyclePathMapper();
		assertThat(mapper.getRootPath(EndpointId.of("memoryLifecycle"))).isEqualTo("memory-lifecycle");
		assertThat(mapper.getRootPath(EndpointId.of("health"))).isNull();
	}

	@Test
	void backsOffWhenUserDefinesTheEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=memory-lifecycle")
			.withUserConfiguration(UserEndpointConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(MemoryLifecycleEndpoint.class)
				.hasBean("userEndpoint"));
	}

	@Test
	void backsOffWhenMemoryLifecycleIsDisabled() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=memory-lifecycle",
					"memory.lifecycle.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MemoryLifecycleEndpoint.class)
				.doesNotHaveBean("memoryLifecyclePathMapper"));
	}

	@Test
	void backsOffWithoutActuator() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LifecycleWarningsAutoConfiguration.class,
					MemoryLifecycleEndpointAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=memory-lifecycle")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MemoryLifecycleEndpoint.class));
	}

	@Test
	void negativeDefaultLimitFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=memory-lifecycle",
					"memory.lifecycle.endpoint.default-limit=-1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("memory.lifecycle.endpoint.default-limit"));
	}

	@Test
	void jmxExposureRegistersAnMBeanThatServesTheDocument() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JmxAutoConfiguration.class, JacksonAutoConfiguration.class,
					JacksonEndpointAutoConfiguration.class, EndpointAutoConfiguration.class,
					JmxEndpointAutoConfiguration.class, LifecycleWarningsAutoConfiguration.class,
					MemoryAutoConfiguration.class, MemoryLifecycleEndpointAutoConfiguration.class))
			.withPropertyValues("spring.jmx.enabled=true", "spring.jmx.default-domain=memorylifecycletest",
					"management.endpoints.jmx.domain=memorylifecycletest",
					"management.endpoints.jmx.exposure.include=memory-lifecycle")
			.run((context) -> {
				MBeanServer server = context.getBean(MBeanServer.class);
				Set<ObjectName> names = server.queryNames(new ObjectName("memorylifecycletest:type=Endpoint,*"), null);
				assertThat(names).singleElement()
					.satisfies((name) -> assertThat(name.getKeyProperty("name")).isEqualTo("MemoryLifecycle"));
				Object document = server.invoke(names.iterator().next(), "document", new Object[] { null },
						new String[] { Integer.class.getName() });
				assertThat(document).isInstanceOf(Map.class);
				assertThat(((Map<?, ?>) document).keySet()).map(Object::toString)
					.containsExactly("memory", "warnings");
			});
		assertThat(ManagementFactory.getPlatformMBeanServer().queryNames(null, null))
			.noneMatch((name) -> "memorylifecycletest".equals(name.getDomain()));
	}

	private static ExposableWebEndpoint webEndpoint(AssertableWebApplicationContext context) {
		return context.getBean(WebEndpointsSupplier.class)
			.getEndpoints()
			.stream()
			.filter((endpoint) -> endpoint.getEndpointId().equals(MemoryLifecycleEndpoint.ID))
			.findFirst()
			.orElseThrow();
	}

	private static Set<OperationType> operationTypes(AssertableWebApplicationContext context) {
		return webEndpoint(context).getOperations()
			.stream()
			.map(WebOperation::getType)
			.collect(Collectors.toSet());
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointConfiguration {

		@Bean
		MemoryLifecycleEndpoint userEndpoint() {
			return new MemoryLifecycleEndpoint(List.of(), Show.NEVER, Set.of(), 10, 10);
		}

	}

}
