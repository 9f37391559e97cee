package io.github.memorylifecycle;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.memorylifecycle.events.ListenerInfo;
import io.github.memorylifecycle.events.ListenerRegistry;
import io.github.memorylifecycle.events.ListenersAutoConfiguration;
import io.github.memorylifecycle.scheduling.AsyncAutoConfiguration;
import io.github.memorylifecycle.scheduling.PendingTaskInfo;
import io.github.memorylifecycle.scheduling.SchedulingAutoConfiguration;
import io.github.memorylifecycle.scheduling.TimerInfo;
import io.github.memorylifecycle.scheduling.TrackedAsyncTaskExecutor;
import io.github.memorylifecycle.scheduling.TrackedTaskScheduler;
import io.github.memorylifecycle.scope.ScopeAutoConfiguration;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.PeriodicTrigger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every public method that schedules, submits or adds a listener records the application's own line as its site,
 * whatever stands between: the scheduler the starter provides, the application's scheduler proxied in place, a JDK
 * proxy the application wraps around either.
 */
class CallSitesThroughProxiesTests {

	private static final String HERE = CallSitesThroughProxiesTests.class.getName() + ".";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleWarningsAutoConfiguration.class, ScopeAutoConfiguration.class,
				TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class,
				SchedulingAutoConfiguration.class, AsyncAutoConfiguration.class, ListenersAutoConfiguration.class))
		.withPropertyValues("memory.lifecycle.scheduling.capture-sites=true", "memory.lifecycle.async.capture-sites=true");

	@Test
	void everySchedulingMethodOfTheProvidedSchedulerRecordsTheCaller() {
		this.contextRunner.run((context) -> assertEverySchedulingMethodRecordsTheCaller(context,
				context.getBean(TaskScheduler.class)));
	}

	@Test
	void everySchedulingMethodOfTheApplicationsProxiedSchedulerRecordsTheCaller() {
		this.contextRunner.withUserConfiguration(ApplicationScheduler.class)
			.run((context) -> assertEverySchedulingMethodRecordsTheCaller(context,
					context.getBean(TaskScheduler.class)));
	}

	@Test
	void aJdkProxyAroundTheSchedulerIsSkippedToo() {
		this.contextRunner.run((context) -> assertEverySchedulingMethodRecordsTheCaller(context,
				jdkProxy(TaskScheduler.class, context.getBean(TaskScheduler.class))));
	}

	@Test
	void everySubmittingMethodOfTheTrackedExecutorRecordsTheCaller() {
		this.contextRunner.run((context) -> {
			TrackedAsyncTaskExecutor executor = context.getBean(TrackedAsyncTaskExecutor.class);
			CountDownLatch release = new CountDownLatch(1);
			Runnable blocked = () -> await(release);
			try {
				executor.execute(blocked);
				executor.submit(blocked);
				executor.submit(() -> {
					await(release);
					return "done";
				});
				executor.submitCompletable(blocked);
				executor.submitCompletable(() -> {
					await(release);
					return "done";
				});
				List<PendingTaskInfo> pending = executor.pendingTasks();
				assertThat(pending).hasSize(5)
					.allSatisfy((task) -> assertThat(task.site()).startsWith(HERE + "lambda$"));
			}
			finally {
				release.countDown();
			}
		});
	}

	@Test
	void listenersAddedThroughTheRegistryOrTheContextRecordTheCaller() {
		this.contextRunner.run((context) -> {
			ListenerRegistry listeners = context.getBean(ListenerRegistry.class);
			Consumer<ApplicationEvent> ignore = (event) -> {
			};
			listeners.on(ApplicationEvent.class, ignore);
			listeners.onOwner(this, ApplicationEvent.class, ignore);
			((ConfigurableApplicationContext) context.getSourceApplicationContext())
				.addApplicationListener((ApplicationEvent event) -> {
				});
			assertThat(listeners.liveListeners()).extracting(ListenerInfo::site)
				.hasSize(3)
				.allSatisfy((site) -> assertThat(site).startsWith(HERE + "lambda$"));
		});
	}

	private static void assertEverySchedulingMethodRecordsTheCaller(
			org.springframework.context.ApplicationContext context, TaskScheduler scheduler) {
		Instant later = Instant.now().plus(Duration.ofHours(1));
		Duration hour = Duration.ofHours(1);
		Runnable task = () -> {
		};
		scheduler.schedule(task, new PeriodicTrigger(hour));
		scheduler.schedule(task, later);
		scheduler.scheduleAtFixedRate(task, later, hour);
		scheduler.scheduleAtFixedRate(task, hour);
		scheduler.scheduleWithFixedDelay(task, later, hour);
		scheduler.scheduleWithFixedDelay(task, hour);
		List<TimerInfo> timers = context.getBean(TrackedTaskScheduler.class).liveTimers();
		assertThat(timers).hasSize(6)
			.allSatisfy((timer) -> assertThat(timer.site()).as(timer.kind() + " " + timer.schedule())
				.startsWith(HERE + "assertEverySchedulingMethodRecordsTheCaller:"));
	}

	/**
	 * A JDK dynamic proxy made by Spring AOP, as an application's aspect would make one.
	 */
	@SuppressWarnings("unchecked")
	private static <T> T jdkProxy(Class<T> type, T target) {
		ProxyFactory factory = new ProxyFactory(target);
		factory.setInterfaces(type);
		T proxy = (T) factory.getProxy();
		assertThat(Proxy.isProxyClass(proxy.getClass())).isTrue();
		return proxy;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationScheduler {

		@Bean
		ThreadPoolTaskScheduler applicationScheduler() {
			return new ThreadPoolTaskScheduler();
		}

	}

}
