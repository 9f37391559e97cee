package io.github.memorylifecycle.benchmarks.load;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

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

}
