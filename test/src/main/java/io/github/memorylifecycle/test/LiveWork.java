package io.github.memorylifecycle.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import io.github.memorylifecycle.events.ListenerInfo;
import io.github.memorylifecycle.events.ListenerRegistry;
import io.github.memorylifecycle.scheduling.PendingTaskInfo;
import io.github.memorylifecycle.scheduling.TimerInfo;
import io.github.memorylifecycle.scheduling.TrackedAsyncTaskExecutor;
import io.github.memorylifecycle.scheduling.TrackedTaskScheduler;
import io.github.memorylifecycle.scope.CleanupStatistics;
import io.github.memorylifecycle.scope.ScopeStatistics;

import org.springframework.context.ApplicationContext;

/**
 * What an application's trackers hold right now, read from its beans, for {@link LeakAssertions}: live timers,
 * runtime listeners and pending async tasks, and the failed cleanups per scope. A feature the application does not
 * have (its bean is absent) holds nothing.
 */
final class LiveWork {

	private LiveWork() {
	}

	static void cancel(ApplicationContext context, String part, List<Long> ids) {
		if (ids.isEmpty()) {
			return;
		}
		context.getBeanProvider(MemoryLifecycleContributor.class)
			.orderedStream()
			.filter((contributor) -> part.equals(contributor.part()))
			.forEach((contributor) -> ids.forEach(contributor::cancel));
	}

	static List<TimerInfo> timers(ApplicationContext context) {
		TrackedTaskScheduler scheduler = context.getBeanProvider(TrackedTaskScheduler.class).stream()
			.findFirst()
			.orElse(null);
		return (scheduler != null) ? scheduler.liveTimers() : List.of();
	}

	static List<ListenerInfo> listeners(ApplicationContext context) {
		ListenerRegistry registry = context.getBeanProvider(ListenerRegistry.class).stream().findFirst().orElse(null);
		return (registry != null) ? registry.liveListeners() : List.of();
	}

	static List<PendingTaskInfo> tasks(ApplicationContext context) {
		TrackedAsyncTaskExecutor executor = context.getBeanProvider(TrackedAsyncTaskExecutor.class).stream()
			.findFirst()
			.orElse(null);
		return (executor != null) ? executor.pendingTasks() : List.of();
	}

	static Map<String, Long> failedCleanups(ApplicationContext context) {
		Map<String, Long> failed = new LinkedHashMap<>();
		ScopeStatistics statistics = context.getBeanProvider(ScopeStatistics.class).getIfAvailable();
		if (statistics != null) {
			for (CleanupStatistics scope : statistics.all()) {
				failed.put(scope.scope(), scope.cleanupsFailed());
			}
		}
		return failed;
	}

	static <T> Set<Long> ids(List<T> items, ToLongFunction<T> id) {
		return items.stream().map(id::applyAsLong).collect(Collectors.toSet());
	}

}
