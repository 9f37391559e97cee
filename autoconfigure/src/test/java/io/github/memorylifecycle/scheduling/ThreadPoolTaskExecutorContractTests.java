package io.github.memorylifecycle.scheduling;

import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The contract on the raw executor: the reference the tracked ones are held to.
 */
class ThreadPoolTaskExecutorContractTests extends AsyncTaskExecutorContractTests {

	@Override
	AsyncTaskExecutor executor(ThreadPoolTaskExecutor raw) {
		return raw;
	}

}
