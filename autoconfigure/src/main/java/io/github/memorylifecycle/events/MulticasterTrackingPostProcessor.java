package io.github.memorylifecycle.events;

import io.github.memorylifecycle.support.ClassNames;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.event.AbstractApplicationEventMulticaster;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;

/**
 * Tracks the listeners of an {@code applicationEventMulticaster} bean that the application defines itself (to set an
 * executor or an error handler, typically), instead of replacing it: the bean stays the application's own instance,
 * and {@link ListenerSetTracking} reports every listener its sets gain or lose. No proxy stands in for it, so its own
 * state, protected methods and subclasses work exactly as without the starter.
 * <p>
 * A multicaster that does not extend Spring's {@code AbstractApplicationEventMulticaster} is left alone, with one
 * warning: only the listeners added through {@link ListenerRegistry} are tracked then.
 */
final class MulticasterTrackingPostProcessor implements BeanPostProcessor, BeanFactoryAware {

	private static final Log logger = LogFactory.getLog(ListenerRegistry.class);

	private final ObjectProvider<ListenerTracker> tracker;

	private BeanFactory beanFactory;

	MulticasterTrackingPostProcessor(ObjectProvider<ListenerTracker> tracker) {
		this.tracker = tracker;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME.equals(beanName)
				|| !(bean instanceof ApplicationEventMulticaster)
				|| bean instanceof TrackingApplicationEventMulticaster) {
			return bean;
		}
		ListenerTracker tracker = this.tracker.getIfAvailable();
		if (tracker == null) {
			return bean;
		}
		Object target = AopProxyUtils.getSingletonTarget(bean);
		Object multicaster = (target != null) ? target : bean;
		String className = ClassNames.of(multicaster);
		String problem = (multicaster instanceof AbstractApplicationEventMulticaster abstractMulticaster)
				? ListenerSetTracking.install(abstractMulticaster, tracker)
				: "it does not extend Spring's AbstractApplicationEventMulticaster";
		if (problem == null) {
			tracker.attach(TrackingApplicationEventMulticaster.singletons(this.beanFactory));
			logger.info("Tracking the event listeners of the application's ApplicationEventMulticaster (" + className
					+ ") in place: its own instance, no proxy");
			return bean;
		}
		logger.warn("Not tracking the event listeners added at run time: the application's "
				+ "ApplicationEventMulticaster (" + className + ") is not tracked because " + problem
				+ ". Only listeners added through ListenerRegistry are tracked; extend SimpleApplicationEventMulticaster, "
				+ "or set memory.lifecycle.listeners.enabled=false.");
		return bean;
	}

}
