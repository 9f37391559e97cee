package io.github.memorylifecycle.scheduling;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.AsyncAnnotationAdvisor;

/**
 * Lets the tracked executors name {@code @Async} work after its bean method rather than after Spring's internal
 * lambda: on each bean that Spring proxied for {@code @Async}, it puts an interceptor just before Spring's own, on
 * the same methods, that exposes the invocation to the calling thread while Spring hands the work to the executor.
 * <p>
 * It runs after Spring's {@code @Async} post-processor (lowest precedence, registered later), and only adds to the
 * proxies that one made: it never proxies a bean by itself. Should it ever run first, {@code @Async} work is still
 * tracked, only described by Spring's lambda.
 */
final class AsyncMethodPostProcessor implements BeanPostProcessor, Ordered {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof Advised advised && !advised.isFrozen()) {
			Advisor[] advisors = advised.getAdvisors();
			for (int i = 0; i < advisors.length; i++) {
				if (advisors[i].getAdvice() instanceof Exposer) {
					return bean;
				}
				if (advisors[i] instanceof AsyncAnnotationAdvisor async) {
					advised.addAdvisor(i, new DefaultPointcutAdvisor(async.getPointcut(), Exposer.INSTANCE));
					return bean;
				}
			}
		}
		return bean;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * Exposes the {@code @Async} invocation being dispatched to the executor that receives its work.
	 */
	static final class Exposer implements MethodInterceptor {

		static final Exposer INSTANCE = new Exposer();

		@Override
		public Object invoke(MethodInvocation invocation) throws Throwable {
			SubmissionContext context = SubmissionContext.open();
			MethodInvocation previous = context.asyncInvocation;
			context.asyncInvocation = invocation;
			try {
				return invocation.proceed();
			}
			finally {
				context.asyncInvocation = previous;
				context.closeIfEmpty();
			}
		}

	}

}
