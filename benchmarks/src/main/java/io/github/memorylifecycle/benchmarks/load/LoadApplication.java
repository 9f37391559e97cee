package io.github.memorylifecycle.benchmarks.load;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The app behind the loopback load comparison ({@code benchmarks/load.sh}): a plain Spring MVC "hello" app with
 * the starter on its classpath, started once with the starter enabled and once with
 * {@code --memory.lifecycle.enabled=false}. Unlike the sample app it starts without the starter's beans, so both
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
	FilterRegistrationBean<InjectedCostFilter> injectedCostFilter(Environment environment) {
		FilterRegistrationBean<InjectedCostFilter> registration = new FilterRegistrationBean<>(
				new InjectedCostFilter(environment.getRequiredProperty("load.burn-nanos", Long.class)));
		registration.setOrder(Ordered.LOWEST_PRECEDENCE);
		return registration;
	}

}
