package io.github.memorylifecycle.scope;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.web.server.session.DefaultWebSessionManager;

/**
 * Puts {@link ScopedWebSessionStore} around the session store of the application's {@link DefaultWebSessionManager}
 * (Boot's, with its in-memory store, or one the application configured with another store), so that the
 * {@link WebSessionCleanupRegistry} hears of the ends of sessions. Other {@code WebSessionManager}s are left alone.
 */
final class WebSessionStorePostProcessor implements BeanPostProcessor {

	private final Supplier<@Nullable ReactiveWebSessionCleanupRegistry> registry;

	WebSessionStorePostProcessor(Supplier<@Nullable ReactiveWebSessionCleanupRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DefaultWebSessionManager manager
				&& !(manager.getSessionStore() instanceof ScopedWebSessionStore)) {
			ReactiveWebSessionCleanupRegistry sessions = this.registry.get();
			if (sessions != null) {
				manager.setSessionStore(new ScopedWebSessionStore(manager.getSessionStore(), sessions));
			}
		}
		return bean;
	}

}
