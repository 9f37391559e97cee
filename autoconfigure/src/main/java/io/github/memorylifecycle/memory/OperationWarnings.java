package io.github.memorylifecycle.memory;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Remembers which operations have warned about one figure (heap use, resident memory against the container limit),
 * so that each warns once until the figure falls back and re-arms it.
 * <p>
 * State is kept only for operations that warned and have not re-armed yet, at most {@code maxOperations} of them;
 * past that cap, further operations share one state and so one warning. Claiming and re-arming an operation that
 * already has its state allocate nothing.
 */
final class OperationWarnings {

	/**
	 * The answer to a claim.
	 */
	enum Claim {

		/**
		 * The operation has warned already: stay silent.
		 */
		NONE,

		/**
		 * The operation warns now.
		 */
		OWN,

		/**
		 * The operation warns now for every operation past the cap.
		 */
		SHARED

	}

	private final int maxOperations;

	private final ConcurrentMap<String, AtomicBoolean> warned = new ConcurrentHashMap<>();

	private final AtomicBoolean overflowWarned = new AtomicBoolean();

	OperationWarnings(int maxOperations) {
		this.maxOperations = maxOperations;
	}

	/**
	 * Claims the warning of an operation whose figure is at or above its threshold.
	 * @param operation the operation
	 * @return whether it warns now, and on whose behalf
	 */
	Claim claim(String operation) {
		AtomicBoolean state = this.warned.get(operation);
		boolean overflow = false;
		if (state == null) {
			if (this.warned.size() < this.maxOperations) {
				state = this.warned.computeIfAbsent(operation, (key) -> new AtomicBoolean());
			}
			else {
				state = this.overflowWarned;
				overflow = true;
			}
		}
		if (!state.compareAndSet(false, true)) {
			return Claim.NONE;
		}
		return overflow ? Claim.SHARED : Claim.OWN;
	}

	/**
	 * Re-arms an operation whose figure fell below the threshold minus the hysteresis, and the shared state.
	 * @param operation the operation
	 */
	void rearm(String operation) {
		if (!this.warned.isEmpty()) {
			this.warned.remove(operation);
		}
		if (this.overflowWarned.get()) {
			this.overflowWarned.set(false);
		}
	}

	int maxOperations() {
		return this.maxOperations;
	}

}
