package io.github.memorylifecycle.scope;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * The {@link OwnerCleanupRegistry}: owners are weak, identity-compared keys queued on this registry's own
 * {@link ReferenceQueue} when their owner is collected. Whichever comes first, {@link #cleanup(Object)} or the
 * collection of the owner, removes the owner's entry and ends its scope; the other finds nothing left to do.
 * <p>
 * Collected owners are reaped by one daemon thread of this registry, started with the first owner and stopped by
 * {@link #close()}, so that no thread outlives the application context that uses the registry (a JVM-wide cleaner
 * thread would outlive every context and, in a servlet container that redeploys, pin the web application). The
 * thread never references an application class loader.
 */
final class WeakOwnerCleanupRegistry implements OwnerCleanupRegistry, StatisticsSource {

	static final String THREAD_NAME = "memory-lifecycle-owner-cleaner";

	private static final Log logger = LogFactory.getLog(WeakOwnerCleanupRegistry.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

	private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

	private final Object reaperLock = new Object();

	private Thread reaper;

	private boolean closed;

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
			startReaper();
			OwnerKey key = new OwnerKey(owner, this.collected);
			OwnerScope created = new OwnerScope(key, new CleanupStack(this.statistics));
			scope = this.owners.putIfAbsent(key, created);
			if (scope == null) {
				scope = created;
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
	 * Ends every owner scope still open and stops the reaper thread: the application is stopping. Owners registered
	 * afterwards are still cleaned up explicitly, but no longer when collected.
	 */
	void close() {
		Thread stopping;
		synchronized (this.reaperLock) {
			this.closed = true;
			stopping = this.reaper;
			this.reaper = null;
		}
		for (OwnerScope scope : new ArrayList<>(this.owners.values())) {
			if (this.owners.remove(scope.key, scope)) {
				scope.stack.close();
			}
		}
		if (stopping != null) {
			stopping.interrupt();
			try {
				stopping.join(STOP_TIMEOUT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void startReaper() {
		synchronized (this.reaperLock) {
			if (this.reaper != null || this.closed) {
				return;
			}
			Thread thread = new Thread(this::reap, THREAD_NAME);
			thread.setDaemon(true);
			thread.setContextClassLoader(null); // never pin the class loader of the application that started it
			thread.start();
			this.reaper = thread;
		}
	}

	private void reap() {
		while (!Thread.currentThread().isInterrupted()) {
			Reference<?> reference;
			try {
				reference = this.collected.remove();
			}
			catch (InterruptedException ex) {
				return; // closed
			}
			ownerCollected(reference);
		}
	}

	private void ownerCollected(Reference<?> key) {
		OwnerScope scope = this.owners.remove(key);
		if (scope != null) {
			this.statistics.ownerCollected();
			try {
				scope.stack.close();
			}
			catch (RuntimeException ex) {
				logger.warn("Cleanups of a collected owner failed", ex); // the stack counts each failure itself
			}
		}
	}

	@Override
	public CleanupStatistics statistics() {
		return this.statistics;
	}

	private record OwnerScope(OwnerKey key, CleanupStack stack) {
	}

	/**
	 * A weak map key that compares its referent by identity; once cleared it only equals itself.
	 */
	private static final class OwnerKey extends WeakReference<Object> {

		private final int hash;

		OwnerKey(Object owner, ReferenceQueue<Object> collected) {
			super(owner, collected);
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
