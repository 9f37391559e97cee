package io.github.memorylifecycle.scope;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class ScopeAutoConfigurationTests {

	private final WebApplicationContextRunner webContextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ScopeAutoConfiguration.class));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ScopeAutoConfiguration.class));

	@Test
	void providesEveryRegistryInAServletApplication() {
		this.webContextRunner.run((context) -> assertThat(context).hasSingleBean(RequestCleanupRegistry.class)
			.hasSingleBean(SessionCleanupRegistry.class)
			.hasSingleBean(ApplicationCleanupRegistry.class)
			.hasSingleBean(OwnerCleanupRegistry.class)
			.hasBean("memoryLifecycleRequestScopeFilter")
			.hasBean("memoryLifecycleSessionListener")
			.hasBean("registriesMemoryLifecycleContributor"));
	}

	@Test
	void providesOnlyApplicationAndOwnerRegistriesOutsideAWebApplication() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(RequestCleanupRegistry.class)
			.doesNotHaveBean(SessionCleanupRegistry.class)
			.hasSingleBean(ApplicationCleanupRegistry.class)
			.hasSingleBean(OwnerCleanupRegistry.class));
	}

	@Test
	void providesNoServletRegistriesWithoutTheServletApi() {
		this.webContextRunner.withClassLoader(new FilteredClassLoader(Filter.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RequestCleanupRegistry.class)
				.doesNotHaveBean(SessionCleanupRegistry.class)
				.hasSingleBean(OwnerCleanupRegistry.class));
	}

	@Test
	void backsOffEntirelyWhenDisabled() {
		this.webContextRunner.withPropertyValues("memory.lifecycle.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RequestCleanupRegistry.class)
				.doesNotHaveBean(SessionCleanupRegistry.class)
				.doesNotHaveBean(ApplicationCleanupRegistry.class)
				.doesNotHaveBean(OwnerCleanupRegistry.class)
				.doesNotHaveBean(FilterRegistrationBean.class)
				.doesNotHaveBean(MemoryLifecycleContributor.class));
	}

	@Test
	void backsOffWhenUserDefinesEveryRegistry() {
		this.webContextRunner.withUserConfiguration(UserRegistries.class).run((context) -> {
			assertThat(context).hasSingleBean(RequestCleanupRegistry.class)
				.hasSingleBean(SessionCleanupRegistry.class)
				.hasSingleBean(ApplicationCleanupRegistry.class)
				.hasSingleBean(OwnerCleanupRegistry.class)
				.doesNotHaveBean(FilterRegistrationBean.class)
				.doesNotHaveBean("memoryLifecycleSessionListener");
			assertThat(context.getBean(RequestCleanupRegistry.class))
				.isSameAs(context.getBean(UserRegistries.class).request);
		});
	}

	@Test
	void bindsScopeMetersWhenMicrometerIsPresent() {
		this.webContextRunner.run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean("memoryLifecycleScopeMeterBinder", MeterBinder.class).bindTo(registry);
			OwnerCleanupRegistry owners = context.getBean(OwnerCleanupRegistry.class);
			Object owner = new Object();
			owners.register(owner, () -> {
			});
			assertThat(registry.get("memory.lifecycle.scope.cleanups.pending").tag("scope", "owner").gauge().value())
				.isEqualTo(1);
			owners.register(owner, () -> {
				throw new IllegalStateException("on purpose");
			});
			owners.cleanup(owner);
			assertThat(registry.get("memory.lifecycle.scope.cleanups")
				.tags("scope", "owner", "outcome", "success")
				.functionCounter()
				.count()).isEqualTo(1);
			assertThat(registry.get("memory.lifecycle.scope.cleanups")
				.tags("scope", "owner", "outcome", "failure")
				.functionCounter()
				.count()).isEqualTo(1);
			assertThat(registry.get("memory.lifecycle.scope.cleanups.pending").tag("scope", "owner").gauge().value())
				.isZero();
			assertThat(registry.find("memory.lifecycle.scope.active").tag("scope", "request").gauge()).isNotNull();
			assertThat(registry.find("memory.lifecycle.scope.owners.collected").functionCounter()).isNotNull();
		});
	}

	@Test
	void bindsNoMetersWithoutMicrometer() {
		this.webContextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).doesNotHaveBean("memoryLifecycleScopeMeterBinder")
				.hasSingleBean(RequestCleanupRegistry.class));
	}

	@Test
	void theAutoConfigurationItselfNamesNoServletTypeSoThatItLoadsWithoutTheServletApi() {
		// Spring introspects every declared method (lambdas included) of an auto-configuration class: a servlet type
		// in any signature would fail applications without the servlet API, which FilteredClassLoader cannot show
		List<Class<?>> servletTypes = List.of(ServletRequestCleanupRegistry.class, HttpSessionCleanupRegistry.class,
				RequestScopeFilter.class);
		for (Method method : ScopeAutoConfiguration.class.getDeclaredMethods()) {
			List<Class<?>> types = new ArrayList<>(List.of(method.getParameterTypes()));
			types.add(method.getReturnType());
			assertThat(types).as("types of %s", method)
				.noneMatch(servletTypes::contains)
				.noneMatch((type) -> type.getName().startsWith("jakarta.servlet"));
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRegistries {

		final RequestCleanupRegistry request = mock(RequestCleanupRegistry.class);

		@Bean
		RequestCleanupRegistry myRequestRegistry() {
			return this.request;
		}

		@Bean
		SessionCleanupRegistry mySessionRegistry() {
			return mock(SessionCleanupRegistry.class);
		}

		@Bean
		ApplicationCleanupRegistry myApplicationRegistry() {
			return mock(ApplicationCleanupRegistry.class);
		}

		@Bean
		OwnerCleanupRegistry myOwnerRegistry() {
			return mock(OwnerCleanupRegistry.class);
		}

	}

}
