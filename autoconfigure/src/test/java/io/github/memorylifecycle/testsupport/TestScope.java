package io.github.memorylifecycle.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.memorylifecycle.scope.CleanupRegistry;
import io.github.memorylifecycle.scope.Registration;

/**
 * A {@link CleanupRegistry} whose scope the test ends by hand, independent of the starter's own registries.
 */
public final class TestScope implements CleanupRegistry {

	private final List<Entry> entries = new ArrayList<>();

	private boolean ended;

	@Override
	public synchronized Registration register(String description, AutoCloseable cleanup) {
		Entry entry = new Entry(description, cleanup);
		if (this.ended) {
			entry.run();
		}
		else {
			this.entries.add(entry);
		}
		return entry;
	}

	@Override
	public synchronized int pending() {
		return (int) this.entries.stream().filter(Entry::isPending).count();
	}

	@Override
	public String scope() {
		return "test";
	}

	/**
	 * Returns the descriptions of the cleanups still pending, in registration order.
	 * @return the descriptions
	 */
	public synchronized List<String> descriptions() {
		return this.entries.stream().filter(Entry::isPending).map((entry) -> entry.description).toList();
	}

	/**
	 * Ends the scope: runs the pending cleanups, last registered first; later registrations run at once.
	 */
	public void end() {
		List<Entry> toRun;
		synchronized (this) {
			this.ended = true;
			toRun = new ArrayList<>(this.entries);
			this.entries.clear();
		}
		Collections.reverse(toRun); // last registered first, like the starter's scopes
		toRun.forEach(Entry::run);
	}

	private static final class Entry implements Registration {

		private final String description;

		private final AutoCloseable cleanup;

		private boolean pending = true;

		Entry(String description, AutoCloseable cleanup) {
			this.description = description;
			this.cleanup = cleanup;
		}

		@Override
		public synchronized boolean cancel() {
			boolean was = this.pending;
			this.pending = false;
			return was;
		}

		@Override
		public boolean run() {
			if (!cancel()) {
				return false;
			}
			try {
				this.cleanup.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			return true;
		}

		@Override
		public synchronized boolean isPending() {
			return this.pending;
		}

	}

}
