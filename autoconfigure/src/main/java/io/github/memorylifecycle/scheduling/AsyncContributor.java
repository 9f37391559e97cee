package io.github.memorylifecycle.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;
import org.jspecify.annotations.Nullable;

/**
 * The {@code async} part of the actuator document: how much tracked async work is pending, how much was cancelled
 * because its scope ended, and the oldest pending tasks, at most {@code limit}; a pending task can be cancelled by its
 * id. Reading the part also reports tasks that have been pending too long.
 */
final class AsyncContributor implements MemoryLifecycleContributor {

	private final AsyncTracker tracker;

	AsyncContributor(AsyncTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public String part() {
		return "async";
	}

	@Override
	public int getOrder() {
		return 250;
	}

	@Override
	public AsyncDescriptor describe(int limit) {
		this.tracker.reportStuck();
		List<PendingTaskDescriptor> items = this.tracker.pendingTasks(limit)
			.stream()
			.map(PendingTaskDescriptor::of)
			.toList();
		return new AsyncDescriptor(Math.max(this.tracker.liveCount(), items.size()),
				this.tracker.cancelledAtScopeEndCount(), items);
	}

	@Override
	public boolean cancel(long id) {
		return this.tracker.cancel(id);
	}

	/**
	 * The {@code async} part.
	 *
	 * @param pending how many tasks are pending (queued or running)
	 * @param cancelledAtScopeEnd how many tasks were cancelled because their scope ended
	 * @param items the oldest pending tasks, oldest first, at most the limit
	 */
	record AsyncDescriptor(int pending, long cancelledAtScopeEnd, List<PendingTaskDescriptor> items) {
	}

	/**
	 * One pending task, as {@link PendingTaskInfo} describes it.
	 *
	 * @param id the id, to cancel it by
	 * @param description what runs
	 * @param site where it was submitted, or {@code null}
	 * @param scope the scope it is bound to, or {@code null}
	 * @param owner the class of the owner it is bound to, or {@code null}
	 * @param submittedAt when it was submitted
	 * @param state {@code queued} or {@code running}
	 */
	record PendingTaskDescriptor(long id, String description, @Nullable String site, @Nullable String scope,
			@Nullable String owner, Instant submittedAt, String state) {

		static PendingTaskDescriptor of(PendingTaskInfo task) {
			return new PendingTaskDescriptor(task.id(), task.description(), task.site(), task.scope(), task.owner(),
					task.submittedAt(), task.state().name().toLowerCase(Locale.ROOT));
		}

	}

}
