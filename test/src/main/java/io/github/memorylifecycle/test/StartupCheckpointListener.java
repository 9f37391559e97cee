package io.github.memorylifecycle.test;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Takes the checkpoint that {@link LeakAssertions#assertNoLeaks(org.springframework.context.ApplicationContext)}
 * compares with, when an application started by {@code SpringApplication} becomes ready. Registered in
 * {@code META-INF/spring.factories}; it records nothing but ids and counts.
 */
final class StartupCheckpointListener implements ApplicationListener<ApplicationReadyEvent> {

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		LeakAssertions.applicationReady(event.getApplicationContext());
	}

}
