package io.github.memorylifecycle.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The tour of the source texts' memory leaks, leaky and fixed side by side, observable through
 * {@code /actuator/memory-lifecycle}.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
