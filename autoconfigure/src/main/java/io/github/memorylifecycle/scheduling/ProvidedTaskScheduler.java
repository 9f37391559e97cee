package io.github.memorylifecycle.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.springframework.beans.factory.BeanNameAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/**
 * The scheduler the starter provides to an application that has none. Spring's schedulers are executors too; this
 * one is a {@link TaskScheduler} only, so that adding it never makes injection of the application's
 * {@code Executor}, {@code TaskExecutor} or {@code AsyncTaskExecutor} ambiguous. The container's callbacks
 * (initialization, lifecycle, early shutdown at context close, destruction) are passed on to the scheduler inside.
 */
class ProvidedTaskScheduler implements TaskScheduler, BeanNameAware, ApplicationContextAware, InitializingBean,
		DisposableBean, SmartLifecycle, ApplicationListener<ContextClosedEvent> {

	private final TaskScheduler delegate;

	ProvidedTaskScheduler(TaskScheduler delegate) {
		this.delegate = delegate;
	}

	TaskScheduler delegate() {
		return this.delegate;
	}

	@Override
	public void setBeanName(String name) {
		if (this.delegate instanceof BeanNameAware aware) {
			aware.setBeanName(name);
		}
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		if (this.delegate instanceof ApplicationContextAware aware) {
			aware.setApplicationContext(applicationContext);
		}
	}

	@Override
	public void afterPropertiesSet() throws Exception {
		if (this.delegate instanceof InitializingBean initializing) {
			initializing.afterPropertiesSet();
		}
	}

	@Override
	public void destroy() throws Exception {
		if (this.delegate instanceof DisposableBean disposable) {
			disposable.destroy();
		}
		else if (this.delegate instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	@Override
	public void start() {
		if (this.delegate instanceof SmartLifecycle lifecycle) {
			lifecycle.start();
		}
	}

	@Override
	public void stop() {
		if (this.delegate instanceof SmartLifecycle lifecycle) {
			lifecycle.stop();
		}
	}

	@Override
	public void stop(Runnable callback) {
		if (this.delegate instanceof SmartLifecycle lifecycle) {
			lifecycle.stop(callback);
		}
		else {
			callback.run();
		}
	}

	@Override
	public boolean isRunning() {
		return this.delegate instanceof SmartLifecycle lifecycle && lifecycle.isRunning();
	}

	@Override
	public int getPhase() {
		return (this.delegate instanceof SmartLifecycle lifecycle) ? lifecycle.getPhase() : DEFAULT_PHASE;
	}

	@Override
	@SuppressWarnings("unchecked")
	public void onApplicationEvent(ContextClosedEvent event) {
		if (this.delegate instanceof ApplicationListener<?> listener) {
			((ApplicationListener<ContextClosedEvent>) listener).onApplicationEvent(event);
		}
	}

	@Override
	public Clock getClock() {
		return this.delegate.getClock();
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
		return this.delegate.schedule(task, trigger);
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
		return this.delegate.schedule(task, startTime);
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
		return this.delegate.scheduleAtFixedRate(task, startTime, period);
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
		return this.delegate.scheduleAtFixedRate(task, period);
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
		return this.delegate.scheduleWithFixedDelay(task, startTime, delay);
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
		return this.delegate.scheduleWithFixedDelay(task, delay);
	}

}
