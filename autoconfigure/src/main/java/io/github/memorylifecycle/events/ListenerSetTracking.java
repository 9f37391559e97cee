package io.github.memorylifecycle.events;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.AbstractApplicationEventMulticaster;
import org.springframework.util.ReflectionUtils;

/**
 * Tracks the listeners of a multicaster the application defines itself, in place: the two sets in which Spring's
 * {@link AbstractApplicationEventMulticaster} keeps its listeners and listener bean names are swapped for sets that
 * report each addition and removal to the {@link ListenerTracker}. The multicaster stays the application's own
 * instance — no proxy, so its fields, protected methods and subclasses behave exactly as without the starter.
 * <p>
 * Spring changes those sets only under its retriever's lock, so the tracker is always called with that lock held,
 * never the other way round.
 */
final class ListenerSetTracking {

	private ListenerSetTracking() {
	}

	/**
	 * Installs the tracking sets.
	 * @param multicaster the application's multicaster
	 * @param tracker the tracker
	 * @return {@code null} when installed, otherwise why it could not be
	 */
	static @Nullable String install(AbstractApplicationEventMulticaster multicaster, ListenerTracker tracker) {
		try {
			Field retrieverField = field(AbstractApplicationEventMulticaster.class, "defaultRetriever");
			Object retriever = retrieverField.get(multicaster);
			Field listenersField = field(retriever.getClass(), "applicationListeners");
			Field beansField = field(retriever.getClass(), "applicationListenerBeans");
			synchronized (retriever) {
				@SuppressWarnings("unchecked")
				Set<ApplicationListener<?>> listeners = (Set<ApplicationListener<?>>) listenersField.get(retriever);
				@SuppressWarnings("unchecked")
				Set<String> beans = (Set<String>) beansField.get(retriever);
				listenersField.set(retriever, new TrackedListeners(tracker, listeners));
				beansField.set(retriever, new TrackedListenerBeans(tracker, beans));
			}
			return null;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return "its listener sets cannot be reached in this version of Spring (" + ex + ")";
		}
	}

	private static Field field(Class<?> type, String name) throws NoSuchFieldException {
		Field field = ReflectionUtils.findField(type, name);
		if (field == null) {
			throw new NoSuchFieldException(type.getName() + "." + name);
		}
		ReflectionUtils.makeAccessible(field);
		return field;
	}

	/**
	 * The multicaster's listeners, reporting to the tracker.
	 */
	static final class TrackedListeners extends LinkedHashSet<ApplicationListener<?>> {

		private final transient ListenerTracker tracker;

		TrackedListeners(ListenerTracker tracker, Collection<ApplicationListener<?>> existing) {
			this.tracker = tracker;
			existing.forEach(this::addUntracked);
		}

		@Override
		public boolean add(ApplicationListener<?> listener) {
			boolean[] added = new boolean[1];
			this.tracker.added(listener, () -> added[0] = addUntracked(listener));
			return added[0];
		}

		@Override
		public boolean remove(Object candidate) {
			if (!(candidate instanceof ApplicationListener<?> listener)) {
				return super.remove(candidate);
			}
			boolean[] removed = new boolean[1];
			this.tracker.removed(listener, () -> removed[0] = removeUntracked(listener));
			return removed[0];
		}

		@Override
		public boolean removeIf(Predicate<? super ApplicationListener<?>> filter) {
			boolean[] removed = new boolean[1];
			this.tracker.removedIf(filter::test, (recording) -> removed[0] = removeIfUntracked(recording));
			return removed[0];
		}

		@Override
		public void clear() {
			this.tracker.cleared(this::clearUntracked);
		}

		private boolean addUntracked(ApplicationListener<?> listener) {
			return super.add(listener);
		}

		private boolean removeUntracked(Object listener) {
			return super.remove(listener);
		}

		private boolean removeIfUntracked(Predicate<ApplicationListener<?>> filter) {
			List<ApplicationListener<?>> matched = new ArrayList<>();
			for (ApplicationListener<?> listener : this) {
				if (filter.test(listener)) {
					matched.add(listener);
				}
			}
			matched.forEach(this::removeUntracked);
			return !matched.isEmpty();
		}

		private void clearUntracked() {
			super.clear();
		}

	}

	/**
	 * The multicaster's listener bean names, reporting to the tracker.
	 */
	static final class TrackedListenerBeans extends LinkedHashSet<String> {

		private final transient ListenerTracker tracker;

		TrackedListenerBeans(ListenerTracker tracker, Collection<String> existing) {
			this.tracker = tracker;
			existing.forEach(this::addUntracked);
		}

		@Override
		public boolean add(String beanName) {
			boolean[] added = new boolean[1];
			this.tracker.beanAdded(beanName, () -> added[0] = addUntracked(beanName));
			return added[0];
		}

		@Override
		public boolean remove(Object candidate) {
			if (!(candidate instanceof String beanName)) {
				return super.remove(candidate);
			}
			boolean[] removed = new boolean[1];
			this.tracker.beanRemoved(beanName, () -> removed[0] = removeUntracked(beanName));
			return removed[0];
		}

		@Override
		public boolean removeIf(Predicate<? super String> filter) {
			boolean[] removed = new boolean[1];
			this.tracker.beansRemovedIf(filter::test, (recording) -> {
				List<String> matched = new ArrayList<>();
				for (String beanName : this) {
					if (recording.test(beanName)) {
						matched.add(beanName);
					}
				}
				matched.forEach(this::removeUntracked);
				removed[0] = !matched.isEmpty();
			});
			return removed[0];
		}

		private boolean addUntracked(String beanName) {
			return super.add(beanName);
		}

		private boolean removeUntracked(Object beanName) {
			return super.remove(beanName);
		}

	}

}
