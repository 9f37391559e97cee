package io.github.memorylifecycle.scope;

import java.lang.reflect.Modifier;
import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Tells the session registry what happens to sessions in Spring Session's {@link SessionRepository}: a session
 * deleted through it on this instance ({@code HttpSession.invalidate()}, Boot's {@code sessions} endpoint, a
 * {@code deleteById} in application code) ends its scope at once, and a session written through it is known to be
 * in the store, so that a later sweep that does not find it there can take it for ended.
 * <p>
 * The repository bean is proxied in place, by class where it can be (so that it can still be injected as
 * {@code JdbcIndexedSessionRepository}, say), otherwise by its interfaces. Only {@code deleteById} and {@code save}
 * are intercepted, after they returned: a delete that failed ends nothing (the sweep or the store's events will).
 */
final class SessionRepositoryEnds implements BeanPostProcessor {

	private final Supplier<@Nullable HttpSessionCleanupRegistry> registry;

	/**
	 * Creates the post-processor.
	 * @param registry looks up the session registry when a repository is used (not when it is created, so that
	 * this early bean pulls nothing in)
	 */
	SessionRepositoryEnds(Supplier<@Nullable HttpSessionCleanupRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof SessionRepository<?>)) {
			return bean;
		}
		ProxyFactory factory = new ProxyFactory(bean);
		Class<?> type = AopUtils.getTargetClass(bean);
		factory.setProxyTargetClass(!Modifier.isFinal(type.getModifiers()) && !AopUtils.isJdkDynamicProxy(bean));
		factory.addAdvice(new Interceptor(this.registry));
		return factory.getProxy(type.getClassLoader());
	}

	private static final class Interceptor implements MethodInterceptor {

		private final Supplier<@Nullable HttpSessionCleanupRegistry> registry;

		Interceptor(Supplier<@Nullable HttpSessionCleanupRegistry> registry) {
			this.registry = registry;
		}

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			Object result = invocation.proceed();
			String name = invocation.getMethod().getName();
			Object[] arguments = invocation.getArguments();
			if (arguments.length == 1) {
				if ("deleteById".equals(name) && arguments[0] instanceof String id) {
					HttpSessionCleanupRegistry sessions = this.registry.get();
					if (sessions != null) {
						sessions.sessionEnded(id);
					}
				}
				else if ("save".equals(name) && arguments[0] instanceof Session session) {
					HttpSessionCleanupRegistry sessions = this.registry.get();
					if (sessions != null) {
						sessions.sessionStored(session.getId());
					}
				}
			}
			return result;
		}

	}

}
