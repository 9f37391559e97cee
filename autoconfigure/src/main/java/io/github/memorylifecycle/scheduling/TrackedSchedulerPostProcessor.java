package io.github.memorylifecycle.scheduling;

import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.SmartInstantiationAwareBeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.ClassUtils;

/**
 * Tracks the application's own {@link TaskScheduler} beans where they stand, so that every task scheduled through
 * them is seen whatever type the bean was injected as ({@code TaskScheduler}, {@code ThreadPoolTaskScheduler},
 * {@code SimpleAsyncTaskScheduler}, ...).
 * <p>
 * Each scheduler bean is replaced by a class-based proxy of its own class, advised only on its {@code schedule*}
 * methods by a {@link TimerTrackingInterceptor}; every other method (pool size, lifecycle, shutdown, {@code execute})
 * goes straight to the bean, and the bean keeps its name and type. A bean that is already an AOP proxy gets the
 * advisor added instead. A bean of a final class cannot be proxied and is left untouched, with a warning:
 * {@code @Scheduled} tasks on it are still tracked, by the scheduler of {@code @Scheduled} methods.
 * <p>
 * It runs after the auto-proxy creators (lowest precedence) and answers early references with the same proxy, so
 * that circular references see the tracked scheduler too.
 */
final class TrackedSchedulerPostProcessor
		implements SmartInstantiationAwareBeanPostProcessor, BeanClassLoaderAware, Ordered {

	private static final Log logger = LogFactory.getLog(TrackedSchedulerPostProcessor.class);

	private final ObjectProvider<TimerTracker> tracker;

	private final Map<String, Object> earlyReferences = new ConcurrentHashMap<>();

	private volatile Advisor advisor;

	private ClassLoader classLoader = ClassUtils.getDefaultClassLoader();

	TrackedSchedulerPostProcessor(ObjectProvider<TimerTracker> tracker) {
		this.tracker = tracker;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public Object getEarlyBeanReference(Object bean, String beanName) {
		if (!isCandidate(bean)) {
			return bean;
		}
		this.earlyReferences.put(beanName, bean);
		return track(bean, beanName);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!isCandidate(bean) || this.earlyReferences.remove(beanName) == bean) {
			return bean;
		}
		return track(bean, beanName);
	}

	private static boolean isCandidate(Object bean) {
		return bean instanceof TaskScheduler && !(bean instanceof TrackedTaskScheduler)
				&& !(bean instanceof AopInfrastructureBean);
	}

	private Object track(Object bean, String beanName) {
		Advisor advisor = advisor();
		if (bean instanceof Advised advised) {
			if (isTracked(advised)) {
				return bean;
			}
			if (advised.isFrozen()) {
				logger.warn("TaskScheduler bean '" + beanName + "' is a frozen AOP proxy: the tasks scheduled "
						+ "through it are not tracked, except @Scheduled tasks");
				return bean;
			}
			advised.addAdvisor(advisor);
			return bean;
		}
		Class<?> type = bean.getClass();
		if (Modifier.isFinal(type.getModifiers())) {
			logger.warn("TaskScheduler bean '" + beanName + "' is of final class " + type.getName()
					+ ", which cannot be proxied: the tasks scheduled through it are not tracked, except @Scheduled "
					+ "tasks. Make the class non-final, or schedule through TrackedTaskScheduler");
			return bean;
		}
		ProxyFactory factory = new ProxyFactory(bean);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(advisor);
		ClassLoader loader = ClassUtils.isVisible(type, this.classLoader) ? this.classLoader : type.getClassLoader();
		return factory.getProxy(loader);
	}

	private Advisor advisor() {
		Advisor advisor = this.advisor;
		if (advisor == null) {
			advisor = new DefaultPointcutAdvisor(new TimerTrackingInterceptor.SchedulePointcut(),
					new TimerTrackingInterceptor(this.tracker.getObject()));
			this.advisor = advisor;
		}
		return advisor;
	}

	/**
	 * Returns whether a proxy already carries the tracking advice.
	 * @param advised the proxy
	 * @return whether it is tracked
	 */
	static boolean isTracked(Advised advised) {
		for (Advisor candidate : advised.getAdvisors()) {
			if (candidate.getAdvice() instanceof TimerTrackingInterceptor) {
				return true;
			}
		}
		return false;
	}

}
