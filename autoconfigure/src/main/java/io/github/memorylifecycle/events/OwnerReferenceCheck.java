package io.github.memorylifecycle.events;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.WarningKind;

/**
 * Warns, once per listener class, when a listener bound to an owner references that owner directly, typically a
 * lambda or method reference that captured {@code this}: the multicaster holds the listener strongly, so the owner
 * can never be garbage-collected and only an explicit {@code OwnerCleanupRegistry.cleanup(owner)} removes the
 * listener.
 * <p>
 * The check reads the listener's own fields only (the captured values of a lambda), once per registration; fields
 * that the module system keeps closed are skipped.
 */
final class OwnerReferenceCheck {

	private final Supplier<LifecycleWarnings> warnings;

	private final Set<Class<?>> warned = ConcurrentHashMap.newKeySet();

	OwnerReferenceCheck(Supplier<LifecycleWarnings> warnings) {
		this.warnings = warnings;
	}

	/**
	 * Checks a listener and warns if it references its owner.
	 * @param owner the owner
	 * @param listener the listener
	 * @return whether the listener references its owner
	 */
	boolean check(Object owner, Object listener) {
		if (!references(listener, owner)) {
			return false;
		}
		if (this.warned.add(listener.getClass())) {
			String message = "Listener " + ListenerDescriptions.className(listener) + " bound to its owner "
					+ ListenerDescriptions.className(owner) + " references that owner, so the owner can never be "
					+ "garbage-collected: only OwnerCleanupRegistry.cleanup(owner) removes the listener. Write it as "
					+ "ListenerRegistry.onOwner(owner, eventType, (owner, event) -> ...) to let the owner be "
					+ "collected.";
			this.warnings.get().warn(WarningKind.LISTENERS, message);
		}
		return true;
	}

	private static boolean references(Object listener, Object owner) {
		if (listener == owner) {
			return true;
		}
		for (Field field : listener.getClass().getDeclaredFields()) {
			if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()
					&& field.trySetAccessible() && read(field, listener) == owner) {
				return true;
			}
		}
		return false;
	}

	private static Object read(Field field, Object target) {
		try {
			return field.get(target);
		}
		catch (IllegalAccessException ex) {
			return null;
		}
	}

}
