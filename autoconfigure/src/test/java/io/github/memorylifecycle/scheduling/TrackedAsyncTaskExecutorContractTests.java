package io.github.memorylifecycle.scheduling;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;

import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The contract on a {@link TrackedAsyncTaskExecutor} decorating a raw executor. Once every task of a scenario has
 * ended, none may be left in its list.
 */
class TrackedAsyncTaskExecutorContractTests extends AsyncTaskExecutorContractTests {

	private TrackedAsyncTaskExecutor tracked;

	@Override
	AsyncTaskExecutor executor(ThreadPoolTaskExecutor raw) {
		this.tracked = new TrackedAsyncTaskExecutor(raw);
		return this.tracked;
	}

	@AfterEach
	void leavesNoPendingTaskBehind() {
		release();
		await().pollInterval(Duration.ofMillis(5))
			.untilAsserted(() -> assertThat(this.tracked.pendingTasks()).isEmpty());
	}

}
