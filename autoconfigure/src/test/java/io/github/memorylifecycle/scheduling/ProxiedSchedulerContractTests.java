package io.github.memorylifecycle.scheduling;

import java.time.Clock;
import java.util.Map;

import io.github.memorylifecycle.warning.LifecycleWarnings;
import org.junit.jupiter.api.AfterEach;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract on an application's scheduler bean as the starter leaves it: a tracking proxy of its own class.
 */
class ProxiedSchedulerContractTests extends TaskSchedulerContractTests {

	private TimerTracker tracker;

	@Override
	TaskScheduler scheduler(ThreadPoolTaskScheduler raw) {
		this.tracker = new TimerTracker(Clock.systemUTC(), new LifecycleWarnings(10, Clock.systemUTC()), 100, false);
		StaticListableBeanFactory beanFactory = new StaticListableBeanFactory(Map.of("timerTracker", this.tracker));
		Object proxy = new TrackedSchedulerPostProcessor(beanFactory.getBeanProvider(TimerTracker.class))
			.postProcessAfterInitialization(raw, "taskScheduler");
		assertThat(AopUtils.isCglibProxy(proxy)).isTrue();
		assertThat(proxy).isInstanceOf(ThreadPoolTaskScheduler.class);
		return (TaskScheduler) proxy;
	}

	@AfterEach
	void leavesNoLiveTimerBehind() {
		this.tracker.close();
		assertThat(this.tracker.liveTimers(Integer.MAX_VALUE)).isEmpty();
	}

}
