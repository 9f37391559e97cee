package io.github.memorylifecycle.scope;

import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.util.Assert;

/**
 * The {@link OwnerCleanupRegistry}: owners are weak, identity-compared keys, and each owner with cleanups is
 * registered with a shared {@link Cleaner}, whose action holds the owner's cleanups but never the owner. Whichever
 * comes first, {@link #cleanup(Object)} or the collection of the owner, removes the owner's entry and ends its
 * scope; the other finds nothing left to do.
 */
final class WeakOwnerCleanupRegistry implements OwnerCleanupRegistry, StatisticsSource {

	private static final Cleaner CLEANER = Cleaner.create((runnable) -> {
		Thread thread = new Thread(runnable, "memory-lifecycle-owner-cleaner");
		thread.setDaemon(true);
		thread.setContextClassLoader(null); // never pin the class loader of the application that started it
		return thread;
	});

	private final CleanupStatistics statistics = new CleanupStatistics("owner");

	private final Map<Object, OwnerScope> owners = new ConcurrentHashMap<>();

	private final List<OwnerCleanupListener> listeners;

	WeakOwnerCleanupRegistry(List<OwnerCleanupListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public Registration register(Object owner, String description, AutoCloseable cleanup) {
		Assert.notNull(owner, "owner must not be null");
		Assert.notNull(cleanup, "cleanup must not be null");
		OwnerScope scope = this.owners.get(new Lookup(owner));
		if (scope == null) {
			OwnerKey key = new OwnerKey(owner);
			OwnerScope created = new OwnerScope(key, new CleanupStack(this.statistics));
			scope = this.owners.putIfAbsent(key, created);
			if (scope == null) {
				scope = created;
				created.cleanable = CLEANER.register(owner, new OwnerCollected(this.owners, this.statistics, created));
			}
			else {
				created.stack.close(); // lost the race for this owner; the winner's scope is used
			}
		}
		return scope.stack.register(description, cleanup);
	}

	@Override
	public int cleanup(Object owner) {
		Assert.notNull(owner, "owner must not be null");
		OwnerScope scope = this.owners.remove(new Lookup(owner));
		if (scope == null) {
			return 0;
		}
		int ran = scope.stack.close();
		Cleaner.Cleanable cleanable = scope.cleanable;
		if (cleanable != null) {
			cleanable.clean(); // deregisters; the action finds the scope gone and does nothing
		}
		for (OwnerCleanupListener listener : this.listeners) {
			listener.ownerCleanedUp(owner);
		}
		return ran;
	}

	@Override
	public int owners() {
		return this.owners.size();
	}

	/**
	 * Ends every owner scope still open: the application is stopping.
	 */
	void close() {
		for (OwnerScope scope : new ArrayList<>(this.owners.values())) {
			if (this.owners.remove(scope.key, scope)) {
				scope.stack.close();
				Cleaner.Cleanable cleanable = scope.cleanable;
				if (cleanable != null) {
					cleanable.clean(); // the JVM-wide cleaner must not keep this registry's scopes
				}
			}
		}
	}

	@Override
	public CleanupStatistics statistics() {
		return this.statistics;
	}

	private static final class OwnerScope {

		final OwnerKey key;

		final CleanupStack stack;

		volatile Cleaner.Cleanable cleanable;

		OwnerScope(OwnerKey key, CleanupStack stack) {
			this.key = key;
			this.stack = stack;
		}

	}

	/**
	 * The cleaner's action. It must never reference the owner, or the owner could never become unreachable.
	 */
	private record OwnerCollected(Map<Object, OwnerScope> owners, CleanupStatistics statistics, OwnerScope scope)
			implements Runnable {

		@Override
		public void run() {
			if (this.owners.remove(this.scope.key, this.scope)) {
				this.statistics.ownerCollected();
				this.scope.stack.close();
			}
		}

	}

	/**
	 * A weak map key that compares its referent by identity; once cleared it only equals itself.
	 */
	private static final class OwnerKey extends WeakReference<Object> {

		private final int hash;

		OwnerKey(Object owner) {
			super(owner);
			this.hash = System.identityHashCode(owner);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

		@Override
		public boolean equals(Object other) {
			if (this == other) {
				return true;
			}
			if (other instanceof Lookup lookup) {
				return lookup.owner == get();
			}
			if (other instanceof OwnerKey key) {
				Object owner = get();
				return owner != null && owner == key.get();
			}
			return false;
		}

	}

	/**
	 * A short-lived strong key used to look owners up.
	 */
	private record Lookup(Object owner) {

		@Override
		public int hashCode() {
			return System.identityHashCode(this.owner);
		}

		@Override
		public boolean equals(Object other) {
			if (other instanceof OwnerKey key) {
				return key.get() == this.owner;
			}
			return other instanceof Lookup lookup && lookup.owner == this.owner;
		}

	}

}
