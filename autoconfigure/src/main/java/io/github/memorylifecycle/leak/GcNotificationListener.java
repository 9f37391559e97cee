package io.github.memorylifecycle.leak;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Listens to the GC notifications of every collector of the JVM, has the {@link CollectionClassifier} tell what
 * each means, and passes it on to the {@link CollectionListener}s. Removes its registrations on {@link #close()}.
 * <p>
 * GC times come in milliseconds on the collector's own clock, which the JVM does not tie to {@link System#nanoTime()}:
 * they are turned into nano times from the uptime at start, less a margin of two milliseconds. Measured on JDK 17 and
 * 25, the collector's clock runs some tens of milliseconds behind uptime, so collections look as if they started a
 * little earlier than they did: objects watched in the last few tens of milliseconds before a collection wait for
 * the next one. That delays a suspect; it never makes a false one.
 */
final class GcNotificationListener implements NotificationListener, AutoCloseable {

	static final long MARGIN_NANOS = 2_000_000;

	private static final Log logger = LogFactory.getLog(GcNotificationListener.class);

	private final CollectionClassifier classifier;

	private final List<CollectionListener> listeners;

	private final long nanosAtStart;

	private final List<Runnable> removals = new CopyOnWriteArrayList<>();

	GcNotificationListener(CollectionClassifier classifier, List<CollectionListener> listeners) {
		this.classifier = classifier;
		this.listeners = List.copyOf(listeners);
		this.nanosAtStart = System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
	}

	/**
	 * Subscribes to the notifications of every collector that emits them.
	 * @return this listener
	 */
	GcNotificationListener start() {
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (collector instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener(this, null, null);
				this.removals.add(() -> remove(emitter));
			}
		}
		return this;
	}

	@Override
	public void handleNotification(Notification notification, Object handback) {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			return;
		}
		try {
			GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
				.from((CompositeData) notification.getUserData());
			GcInfo gc = info.getGcInfo();
			CollectionClassifier.Verdict verdict = this.classifier.classify(new GcEvent(info.getGcName(),
					info.getGcAction(), info.getGcCause(), gc.getStartTime(), gc.getEndTime(),
					gc.getMemoryUsageAfterGc()));
			GcOutcome outcome = new GcOutcome(verdict.old(), toNanos(verdict.coversBeforeMillis()),
					verdict.floorBytes());
			for (CollectionListener listener : this.listeners) {
				listener.collected(outcome);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not process a GC notification; leak detection skips it", ex);
		}
	}

	long toNanos(long uptimeMillis) {
		return this.nanosAtStart + uptimeMillis * 1_000_000L - MARGIN_NANOS;
	}

	@Override
	public void close() {
		this.removals.forEach(Runnable::run);
		this.removals.clear();
	}

	private void remove(NotificationEmitter emitter) {
		try {
			emitter.removeNotificationListener(this);
		}
		catch (ListenerNotFoundException ex) {
			// already gone
		}
	}

}
