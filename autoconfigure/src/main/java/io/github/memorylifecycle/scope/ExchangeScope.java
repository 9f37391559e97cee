package io.github.memorylifecycle.scope;

/**
 * The cleanups of one exchange: created with the exchange, its {@link CleanupStack} only with the first
 * registration, so that an exchange that registers nothing costs one small object. Ended once by the starter when
 * the exchange terminates; a cleanup registered after that runs at once.
 */
final class ExchangeScope implements CleanupRegistry {

	private final CleanupStatistics statistics;

	private volatile CleanupStack stack;

	private boolean ended; // guarded by this

	ExchangeScope(CleanupStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public Registration register(String description, AutoCloseable cleanup) {
		CleanupStack current = this.stack;
		if (current == null) {
			synchronized (this) {
				current = this.stack;
				if (current == null) {
					CleanupStack created = new CleanupStack(this.statistics, description, cleanup);
					this.stack = created;
					if (this.ended) {
						created.close(); // the exchange is over: run it now, like any registration on an ended scope
					}
					return created.firstRegistration();
				}
			}
		}
		return current.register(description, cleanup);
	}

	@Override
	public int pending() {
		CleanupStack current = this.stack;
		return (current != null) ? current.pending() : 0;
	}

	@Override
	public String scope() {
		return this.statistics.scope();
	}

	/**
	 * Ends the exchange's scope: runs its cleanups, last registered first. Later calls do nothing.
	 */
	void end() {
		CleanupStack current;
		synchronized (this) {
			this.ended = true;
			current = this.stack;
		}
		if (current != null) {
			current.close();
		}
	}

}
