package io.github.memorylifecycle.events;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.NameMatchMethodPointcutAdvisor;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Tracks the listeners of an {@code applicationEventMulticaster} bean that the application defines itself (to set an
 * executor or an error handler, typically), instead of replacing it: the bean is wrapped in a class proxy whose only
 * advised methods are the listener registration methods. The proxy is still an instance of the application's class,
 * and everything else, {@code multicastEvent} first, is dispatched straight to the application's multicaster without
 * going through an interceptor.
 * <p>
 * A multicaster that cannot be proxied that way (final class or final registration methods, or already an AOP
 * proxy) is left alone, with one warning: only the listeners added through {@link ListenerRegistry} are tracked then.
 */
final class MulticasterTrackingPostProcessor implements BeanPostProcessor, BeanFactoryAware, BeanClassLoaderAware {

	private static final Log logger = LogFactory.getLog(ListenerRegistry.class);

	private final ObjectProvider<ListenerTracker> tracker;

	private BeanFactory beanFactory;

	private ClassLoader classLoader = ClassUtils.getDefaultClassLoader();

	MulticasterTrackingPostProcessor(ObjectProvider<ListenerTracker> tracker) {
		this.tracker = tracker;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
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
		String className = bean.getClass().getName();
		String problem = unproxyable(bean);
		if (problem == null) {
			try {
				Object proxy = proxy(bean, tracker);
				tracker.attach(TrackingApplicationEventMulticaster.singletons(this.beanFactory));
				logger.info("Tracking the event listeners of the application's ApplicationEventMulticaster ("
						+ className + ") through a class proxy around its listener registration methods");
				return proxy;
			}
			catch (RuntimeException ex) {
				problem = "it cannot be proxied (" + ex.getMessage() + ")";
			}
		}
		logger.warn("Not tracking the event listeners added at run time: the application's "
				+ "ApplicationEventMulticaster (" + className + ") is not tracked because " + problem
				+ ". Only listeners added through ListenerRegistry are tracked; make the multicaster proxyable, "
				+ "or set memory.lifecycle.listeners.enabled=false.");
		return bean;
	}

	private Object proxy(Object multicaster, ListenerTracker tracker) {
		NameMatchMethodPointcutAdvisor advisor = new NameMatchMethodPointcutAdvisor(
				new TrackingMulticasterInterceptor(tracker));
		advisor.setMappedNames(TrackingMulticasterInterceptor.METHODS.toArray(String[]::new));
		ProxyFactory factory = new ProxyFactory(multicaster);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(advisor);
		factory.setFrozen(true); // lets unadvised methods dispatch straight to the target
		return factory.getProxy(this.classLoader);
	}

	/**
	 * Tells why a multicaster cannot be tracked through a class proxy.
	 * @param multicaster the multicaster
	 * @return the reason, or {@code null} if it can
	 */
	static String unproxyable(Object multicaster) {
		Class<?> type = multicaster.getClass();
		if (AopUtils.isAopProxy(multicaster)) {
			return "it is already an AOP proxy";
		}
		if (Modifier.isFinal(type.getModifiers())) {
			return "its class is final";
		}
		for (Method method : ApplicationEventMulticaster.class.getMethods()) {
			Method implementation = ReflectionUtils.findMethod(type, method.getName(), method.getParameterTypes());
			if (implementation != null && Modifier.isFinal(implementation.getModifiers())) {
				return "its method " + method.getName() + " is final";
			}
		}
		return null;
	}

}
