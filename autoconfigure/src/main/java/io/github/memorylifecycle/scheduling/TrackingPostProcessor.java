package io.github.memorylifecycle.scheduling;

import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.aopalliance.aop.Advice;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.config.SmartInstantiationAwareBeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * Tracks some of the application's beans where they stand: each candidate bean is replaced by a class-based proxy
 * of its own class, advised by one tracking advisor on a few methods only, so that it keeps its name and type and
 * every other method goes straight to it. A bean that is already an AOP proxy gets the advisor added instead. A
 * bean of a final class cannot be proxied and is left untouched, with a warning.
 * <p>
 * It runs after the auto-proxy creators (lowest precedence) and answers early references with the same proxy, so
 * that circular references see the tracked bean too.
 */
abstract class TrackingPostProcessor implements SmartInstantiationAwareBeanPostProcessor, BeanClassLoaderAware, Ordered {

	private static final Log logger = LogFactory.getLog(TrackingPostProcessor.class);

	private final Map<String, Object> earlyReferences = new ConcurrentHashMap<>();

	private volatile Advisor advisor;

	private ClassLoader classLoader = ClassUtils.getDefaultClassLoader();

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
		if (!isCandidate(bean) || bean instanceof AopInfrastructureBean) {
			return bean;
		}
		this.earlyReferences.put(beanName, bean);
		return track(bean, beanName);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!isCandidate(bean) || bean instanceof AopInfrastructureBean || this.earlyReferences.remove(beanName) == bean) {
			return bean;
		}
		return track(bean, beanName);
	}

	/**
	 * Returns whether a bean is to be tracked.
	 * @param bean the bean
	 * @return whether to track it
	 */
	abstract boolean isCandidate(Object bean);

	/**
	 * Creates the tracking advisor, once, when the first candidate bean shows up.
	 * @return the advisor
	 */
	abstract Advisor createAdvisor();

	/**
	 * Describes the tracked beans for the warnings: {@code TaskScheduler}, {@code AsyncTaskExecutor}.
	 * @return the role of the tracked beans
	 */
	abstract String role();

	private Object track(Object bean, String beanName) {
		Advisor advisor = advisor();
		if (bean instanceof Advised advised) {
			if (isTracked(advised, advisor.getAdvice().getClass())) {
				return bean;
			}
			if (advised.isFrozen()) {
				logger.warn(role() + " bean '" + beanName + "' is a frozen AOP proxy: the work handed to it is not "
						+ "tracked");
				return bean;
			}
			advised.addAdvisor(advisor);
			return bean;
		}
		Class<?> type = bean.getClass();
		if (Modifier.isFinal(type.getModifiers())) {
			logger.warn(role() + " bean '" + beanName + "' is of final class " + type.getName() + ", which cannot be "
					+ "proxied: the work handed to it is not tracked. Make the class non-final to have it tracked");
			return bean;
		}
		ProxyFactory factory = new ProxyFactory(bean);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(advisor);
		// a class-based proxy of a package-private class must live in the class's own loader
		boolean beanLoader = Modifier.isPublic(type.getModifiers()) && ClassUtils.isVisible(type, this.classLoader);
		ClassLoader loader = beanLoader ? this.classLoader : type.getClassLoader();
		return factory.getProxy(loader);
	}

	private Advisor advisor() {
		Advisor advisor = this.advisor;
		if (advisor == null) {
			synchronized (this) {
				advisor = this.advisor;
				if (advisor == null) {
					advisor = createAdvisor();
					this.advisor = advisor;
				}
			}
		}
		return advisor;
	}

	/**
	 * Returns whether a proxy already carries a tracking advice.
	 * @param advised the proxy
	 * @param adviceType the type of the tracking advice
	 * @return whether it is tracked
	 */
	static boolean isTracked(Advised advised, Class<? extends Advice> adviceType) {
		for (Advisor candidate : advised.getAdvisors()) {
			if (adviceType.isInstance(candidate.getAdvice())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns the target of a proxy that does nothing but track, so that work handed to it directly by a tracked
	 * decorator skips the proxy; any other object is returned as is.
	 * @param <T> the type of the object
	 * @param candidate a bean, maybe a proxy
	 * @param adviceType the type of the tracking advice
	 * @param type the type the target must have
	 * @return the target, or the candidate
	 */
	static <T> T unwrap(T candidate, Class<? extends Advice> adviceType, Class<T> type) {
		if (candidate instanceof Advised advised && advised.getAdvisors().length == 1
				&& isTracked(advised, adviceType)) {
			Object target = AopProxyUtils.getSingletonTarget(candidate);
			if (type.isInstance(target)) {
				return type.cast(target);
			}
		}
		return candidate;
	}

}
