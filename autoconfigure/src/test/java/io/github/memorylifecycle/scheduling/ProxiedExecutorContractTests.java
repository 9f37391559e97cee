package io.github.memorylifecycle.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.github.memorylifecycle.warning.LifecycleWarnings;
import org.junit.jupiter.api.AfterEach;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The contract on an application's executor bean as the starter leaves it: a tracking proxy of its own class.
 */
class ProxiedExecutorContractTests extends AsyncTaskExecutorContractTests {

	private AsyncTracker tracker;

	@Override
	AsyncTaskExecutor executor(ThreadPoolTaskExecutor raw) {
		this.tracker = new AsyncTracker(Clock.systemUTC(), new LifecycleWarnings(10, Clock.systemUTC()), 100, false,
				Duration.ofMinutes(1));
		StaticListableBeanFactory beanFactory = new StaticListableBeanFactory(Map.of("asyncTracker", this.tracker));
		Object proxy = new TrackedExecutorPostProcessor(beanFactory.getBeanProvider(AsyncTracker.class))
			.postProcessAfterInitialization(raw, "applicationTaskExecutor");
		assertThat(AopUtils.isCglibProxy(proxy)).isTrue();
		assertThat(proxy).isInstanceOf(ThreadPoolTaskExecutor.class);
		return (AsyncTaskExecutor) proxy;
	}

	@AfterEach
	void leavesNoPendingTaskBehind() {
		release();
		await().pollInterval(Duration.ofMillis(5))
			.untilAsserted(() -> assertThat(this.tracker.pendingTasks(Integer.MAX_VALUE)).isEmpty());
	}

}
