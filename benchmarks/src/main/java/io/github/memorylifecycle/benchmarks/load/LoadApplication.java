package io.github.memorylifecycle.benchmarks.load;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The app behind the loopback load comparison ({@code benchmarks/load.sh}) and the CPU-per-request stage
 * ({@code benchmarks/cpu.sh}): a plain Spring MVC "hello" app with the starter on its classpath, started once with
 * the starter enabled and once with {@code --memory.lifecycle.enabled=false}; cpu.sh also runs it as a WebFlux app
 * on Reactor Netty ({@code --spring.main.web-application-type=reactive}) and with sessions kept by Spring Session
 * in JDBC (H2 in memory). Unlike the sample app it starts without the starter's beans, so both
 * sides run the same controller.
 */
@SpringBootApplication
public class LoadApplication {

	public static void main(String[] args) {
		SpringApplication.run(LoadApplication.class, args);
	}

	/**
	 * The calibration's known cost, only with {@code --load.burn-nanos=N}.
	 */
	@Bean
	@ConditionalOnProperty("load.burn-nanos")
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	FilterRegistrationBean<InjectedCostFilter> injectedCostFilter(Environment environment) {
		FilterRegistrationBean<InjectedCostFilter> registration = new FilterRegistrationBean<>(
				new InjectedCostFilter(environment.getRequiredProperty("load.burn-nanos", Long.class)));
		registration.setOrder(Ordered.LOWEST_PRECEDENCE);
		return registration;
	}

	/**
	 * The calibration's known cost in the reactive suite, only with {@code --load.burn-nanos=N}.
	 */
	@Bean
	@ConditionalOnProperty("load.burn-nanos")
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	InjectedCostFilter injectedCostWebFilter(Environment environment) {
		return new InjectedCostFilter(environment.getRequiredProperty("load.burn-nanos", Long.class));
	}

}
