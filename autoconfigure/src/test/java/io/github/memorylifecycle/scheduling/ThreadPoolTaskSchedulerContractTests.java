package io.github.memorylifecycle.scheduling;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The contract on the raw scheduler: the reference the tracked ones are held to.
 */
class ThreadPoolTaskSchedulerContractTests extends TaskSchedulerContractTests {

	@Override
	TaskScheduler scheduler(ThreadPoolTaskScheduler raw) {
		return raw;
	}

}
