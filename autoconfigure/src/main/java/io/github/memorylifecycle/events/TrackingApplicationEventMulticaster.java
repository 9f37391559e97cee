package io.github.memorylifecycle.events;

import java.util.function.Function;
import java.util.function.Predicate;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.SingletonBeanRegistry;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.SimpleApplicationEventMulticaster;

/**
 * The application's event multicaster when it defines none: Spring's {@link SimpleApplicationEventMulticaster},
 * unchanged on the publishing path, that reports every listener added or removed to a {@link ListenerTracker}.
 * <p>
 * Only the registration methods are overridden. {@code multicastEvent}, listener retrieval and caching, ordering,
 * generic event types, payload events, the executor and the error handler are Spring's own code, so publishing
 * costs exactly what it costs without tracking.
 */
final class TrackingApplicationEventMulticaster extends SimpleApplicationEventMulticaster {

	private final ListenerTracker tracker;

	TrackingApplicationEventMulticaster(ListenerTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		super.setBeanFactory(beanFactory);
		this.tracker.attach(singletons(beanFactory));
	}

	@Override
	public void addApplicationListener(ApplicationListener<?> listener) {
		this.tracker.added(listener, () -> super.addApplicationListener(listener));
	}

	@Override
	public void addApplicationListenerBean(String listenerBeanName) {
		this.tracker.beanAdded(listenerBeanName, () -> super.addApplicationListenerBean(listenerBeanName));
	}

	@Override
	public void removeApplicationListener(ApplicationListener<?> listener) {
		this.tracker.removed(listener, () -> super.removeApplicationListener(listener));
	}

	@Override
	public void removeApplicationListenerBean(String listenerBeanName) {
		this.tracker.beanRemoved(listenerBeanName, () -> super.removeApplicationListenerBean(listenerBeanName));
	}

	@Override
	public void removeApplicationListeners(Predicate<ApplicationListener<?>> predicate) {
		this.tracker.removedIf(predicate, super::removeApplicationListeners);
	}

	@Override
	public void removeApplicationListenerBeans(Predicate<String> predicate) {
		this.tracker.beansRemovedIf(predicate, super::removeApplicationListenerBeans);
	}

	@Override
	public void removeAllListeners() {
		this.tracker.cleared(super::removeAllListeners);
	}

	/**
	 * Looks singletons up without creating them, to tell listener beans apart from runtime listeners.
	 * @param beanFactory the bean factory
	 * @return the lookup
	 */
	static Function<String, Object> singletons(BeanFactory beanFactory) {
		if (beanFactory instanceof SingletonBeanRegistry registry) {
			return registry::getSingleton;
		}
		return (name) -> null;
	}

}
