package io.github.memorylifecycle.leak;

import io.github.memorylifecycle.scope.CleanupRegistry;
import io.github.memorylifecycle.scope.RequestCleanupRegistry;
import io.github.memorylifecycle.scope.SessionCleanupRegistry;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Watches request- and session-scoped beans once their scope ends. When such a bean is created and sampled, a
 * cleanup registered on the {@link RequestCleanupRegistry} or {@link SessionCleanupRegistry} hands it to the
 * {@link LeakWatcher} at the true end of the scope. Until then the cleanup holds the bean, as the scope itself does.
 * <p>
 * Beans of other scopes cost a map lookup at creation; unsampled scoped beans cost one random draw more.
 */
final class ScopedBeanLeakWatchPostProcessor implements BeanPostProcessor, BeanFactoryAware {

	private static final String REQUEST = "request";

	private static final String SESSION = "session";

	private static final String SCOPED_TARGET_PREFIX = "scopedTarget.";

	private final ObjectProvider<LeakWatcher> watcher;

	private final ObjectProvider<RequestCleanupRegistry> requestRegistry;

	private final ObjectProvider<SessionCleanupRegistry> sessionRegistry;

	private ConfigurableListableBeanFactory beanFactory;

	private volatile LeakWatcher resolvedWatcher;

	ScopedBeanLeakWatchPostProcessor(ObjectProvider<LeakWatcher> watcher,
			ObjectProvider<RequestCleanupRegistry> requestRegistry,
			ObjectProvider<SessionCleanupRegistry> sessionRegistry) {
		this.watcher = watcher;
		this.requestRegistry = requestRegistry;
		this.sessionRegistry = sessionRegistry;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
			this.beanFactory = listable;
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		String scope = scopeOf(beanName);
		if (scope == null) {
			return bean;
		}
		LeakWatcher leakWatcher = leakWatcher();
		if (leakWatcher == null || !leakWatcher.sampled()) {
			return bean;
		}
		CleanupRegistry registry = REQUEST.equals(scope)
				? this.requestRegistry.getIfAvailable() : this.sessionRegistry.getIfAvailable();
		if (registry != null) {
			String name = beanName.startsWith(SCOPED_TARGET_PREFIX)
					? beanName.substring(SCOPED_TARGET_PREFIX.length()) : beanName;
			String description = scope + "-scoped bean '" + name + "'";
			try {
				registry.register("leak watch of " + description,
						new WatchAtScopeEnd(leakWatcher, bean, description, scope));
			}
			catch (IllegalStateException noRequestBound) {
				// created outside a servlet request: the scope's end is unknown, nothing to watch
			}
		}
		return bean;
	}

	private LeakWatcher leakWatcher() {
		LeakWatcher leakWatcher = this.resolvedWatcher;
		if (leakWatcher == null) {
			leakWatcher = this.watcher.getIfAvailable();
			this.resolvedWatcher = leakWatcher;
		}
		return leakWatcher;
	}

	private String scopeOf(String beanName) {
		ConfigurableListableBeanFactory factory = this.beanFactory;
		if (factory == null || beanName == null || !factory.containsBeanDefinition(beanName)) {
			return null;
		}
		String scope = factory.getMergedBeanDefinition(beanName).getScope();
		return (REQUEST.equals(scope) || SESSION.equals(scope))
				? scope : null;
	}

}
