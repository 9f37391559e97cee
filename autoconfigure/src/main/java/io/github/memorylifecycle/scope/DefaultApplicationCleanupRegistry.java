package io.github.memorylifecycle.scope;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;

/**
 * The {@link ApplicationCleanupRegistry}: one scope for the whole application context, ended by the context's
 * {@link ContextClosedEvent}. That event comes before lifecycle beans stop and before executors and schedulers shut
 * down (Spring's executors start their own early shutdown on the same event, so this listener runs first).
 */
final class DefaultApplicationCleanupRegistry
		implements ApplicationCleanupRegistry, StatisticsSource, ApplicationListener<ContextClosedEvent>, Ordered {

	private final CleanupStatistics statistics = new CleanupStatistics("application");

	private final CleanupStack stack = new CleanupStack(this.statistics);

	private final ApplicationContext context;

	DefaultApplicationCleanupRegistry(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public Registration register(String description, AutoCloseable cleanup) {
		return this.stack.register(description, cleanup);
	}

	@Override
	public int pending() {
		return this.stack.pending();
	}

	@Override
	public String scope() {
		return this.statistics.scope();
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() == this.context) {
			this.stack.close();
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/**
	 * Ends the scope if the context never published its closed event (a context that failed to refresh).
	 */
	void close() {
		this.stack.close();
	}

	@Override
	public CleanupStatistics statistics() {
		return this.statistics;
	}

}
