package io.github.memorylifecycle.work;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

import io.github.memorylifecycle.support.ClassNames;

import org.springframework.aop.support.AopUtils;
import org.springframework.scheduling.support.ScheduledMethodRunnable;
import org.springframework.util.ClassUtils;

/**
 * Names tasks without calling {@code toString()} on user objects: a {@code @Scheduled} method by its bean class and
 * method, anything else by its class, a lambda by the class that declared it.
 * <p>
 * {@link #keyOf(Object)} is on the hot path and allocates nothing: it returns the {@link Method} or {@link Class}
 * that identifies the task. {@link #describe(Object)} builds the text, once per key.
 */
final class TaskDescriptions {

	private static final Field OUTCOME_TRACKING_TASK = outcomeTrackingTask();

	private TaskDescriptions() {
	}

	/**
	 * Returns what identifies the task: the method of a {@code @Scheduled} task, the class of anything else.
	 * @param task the task, unwrapped from Spring's outcome-tracking wrapper
	 * @return a {@link Method} or a {@link Class}
	 */
	static Object keyOf(Object task) {
		Object unwrapped = unwrap(task);
		if (unwrapped instanceof ScheduledMethodRunnable scheduled) {
			return scheduled.getMethod();
		}
		return unwrapped.getClass();
	}

	/**
	 * Describes the task.
	 * @param task the task
	 * @return {@code com.example.Jobs.refresh} for a {@code @Scheduled} method, {@code com.example.Poller (lambda)}
	 * for a lambda, the class name otherwise
	 */
	static String describe(Object task) {
		Object unwrapped = unwrap(task);
		if (unwrapped instanceof ScheduledMethodRunnable scheduled) {
			return describe(scheduled.getTarget(), scheduled.getMethod());
		}
		return describe(unwrapped.getClass());
	}

	static String describe(Object target, Method method) {
		Class<?> type = (target != null) ? ClassUtils.getUserClass(AopUtils.getTargetClass(target))
				: method.getDeclaringClass();
		return type.getName() + "." + method.getName();
	}

	static String describe(Class<?> type) {
		return ClassNames.of(type);
	}

	/**
	 * Returns the task inside Spring's {@code Task.OutcomeTrackingRunnable}, which wraps every task of a
	 * {@code ScheduledTaskRegistrar} ({@code @Scheduled} methods and {@code SchedulingConfigurer} tasks).
	 */
	private static Object unwrap(Object task) {
		Object unwrapped = task;
		while (OUTCOME_TRACKING_TASK != null && unwrapped.getClass() == OUTCOME_TRACKING_TASK.getDeclaringClass()) {
			try {
				Object inner = OUTCOME_TRACKING_TASK.get(unwrapped);
				if (inner == null) {
					return unwrapped;
				}
				unwrapped = inner; // registrar tasks copied into their final kind are wrapped twice
			}
			catch (IllegalAccessException ex) {
				return unwrapped;
			}
		}
		return unwrapped;
	}

	private static Field outcomeTrackingTask() {
		try {
			Class<?> type = ClassUtils.forName("org.springframework.scheduling.config.Task$OutcomeTrackingRunnable",
					TaskDescriptions.class.getClassLoader());
			Field field = type.getDeclaredField("runnable");
			return field.trySetAccessible() ? field : null;
		}
		catch (ClassNotFoundException | NoSuchFieldException | LinkageError | SecurityException ex) {
			return null; // described by the wrapper's class name instead
		}
	}

}
