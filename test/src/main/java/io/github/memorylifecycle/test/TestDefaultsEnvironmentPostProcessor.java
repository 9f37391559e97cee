package io.github.memorylifecycle.test;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In tests, where this artifact is on the class path, records where each timer, task and listener was created, so
 * that a leak check can name the line; off by default in production for the cost of a stack walk. The lowest
 * precedence of all property sources: any setting of the application's or the test's wins.
 */
final class TestDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String NAME = "memoryLifecycleTestDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getPropertySources().contains(NAME)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource(NAME,
						Map.of("memory.lifecycle.scheduling.capture-sites", "true",
								"memory.lifecycle.async.capture-sites", "true",
								"memory.lifecycle.listeners.capture-sites", "true")));
		}
	}

}
