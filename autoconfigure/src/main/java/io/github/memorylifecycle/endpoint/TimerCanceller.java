package io.github.memorylifecycle.endpoint;

/**
 * Cancels a tracked timer by the id the {@code timers} part of the endpoint shows. Implemented by the feature that
 * tracks timers; the endpoint's write operation asks every {@code TimerCanceller} bean in order until one knows the
 * id.
 */
@FunctionalInterface
public interface TimerCanceller {

	/**
	 * Cancels a timer without interrupting a run in progress.
	 * @param id the timer id
	 * @return whether a live timer with this id existed and is now cancelled; {@code false} for an unknown id or a
	 * timer that already ended
	 */
	boolean cancelTimer(long id);

}
