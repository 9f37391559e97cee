package io.github.memorylifecycle.scheduling;

import org.junit.jupiter.api.AfterEach;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract on a {@link TrackedTaskScheduler} decorating a raw scheduler. After each scenario, closing the
 * tracker must leave no timer in its list.
 */
class TrackedTaskSchedulerContractTests extends TaskSchedulerContractTests {

	private TrackedTaskScheduler tracked;

	@Override
	TaskScheduler scheduler(ThreadPoolTaskScheduler raw) {
		this.tracked = new TrackedTaskScheduler(raw);
		return this.tracked;
	}

	@AfterEach
	void leavesNoLiveTimerBehind() {
		this.tracked.tracker().close();
		assertThat(this.tracked.liveTimers()).isEmpty();
	}

}
