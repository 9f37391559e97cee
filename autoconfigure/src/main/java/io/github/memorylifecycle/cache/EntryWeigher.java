package io.github.memorylifecycle.cache;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Weigher;

/**
 * Weighs a cache entry by an estimate of the bytes it keeps alive, for caches bounded by
 * {@code memory.lifecycle.cache.maximum-weight}.
 * <p>
 * What it counts, for a 64-bit JVM with compressed references:
 * <ul>
 * <li>{@value #ENTRY_OVERHEAD} bytes per entry for Caffeine's node, the hash map node and its table slot;</li>
 * <li>strings: 24 bytes plus one byte per char (compact Latin-1 strings; other strings take two bytes per char, so
 * they are under-counted by half);</li>
 * <li>arrays: a 16-byte header plus their elements;</li>
 * <li>collections and maps of {@code java.util}: 48 bytes, plus 16 bytes per element (40 per map entry) for slots
 * and nodes, plus their elements, estimated from the first {@value #SAMPLE} and multiplied by the size;</li>
 * <li>any other object: its fields (12-byte header, 4 bytes per reference, the size of each primitive), then the
 * objects its fields refer to, when the class lets its fields be read (application classes; JDK classes count
 * their own fields only).</li>
 * </ul>
 * It follows references {@value #MAX_DEPTH} levels deep and visits at most {@value #MAX_OBJECTS} objects per entry,
 * so that weighing stays cheap; anything further is not counted. Objects shared between entries (enum constants
 * are skipped) are counted in each. Only JDK collections are iterated: the estimate never calls methods of
 * application objects, so lazy collections are not initialized by weighing. Field layouts are computed once per
 * class.
 */
final class EntryWeigher implements Weigher<Object, Object> {

	static final int ENTRY_OVERHEAD = 96;

	private static final int MAX_DEPTH = 4;

	private static final int MAX_OBJECTS = 256;

	private static final int SAMPLE = 8;

	private static final int HEADER = 12;

	private static final int ARRAY_HEADER = 16;

	private static final int REFERENCE = 4;

	private static final int STRING = 24;

	private static final ClassValue<Layout> LAYOUTS = new ClassValue<>() {

		@Override
		protected Layout computeValue(Class<?> type) {
			return Layout.of(type);
		}

	};

	@Override
	public int weigh(Object key, Object value) {
		int[] budget = { MAX_OBJECTS };
		long bytes = ENTRY_OVERHEAD + estimate(key, 0, budget) + estimate(value, 0, budget);
		return (int) Math.min(bytes, Integer.MAX_VALUE);
	}

	private static long estimate(Object object, int depth, int[] budget) {
		if (object == null || budget[0] <= 0) {
			return 0;
		}
		budget[0]--;
		if (object instanceof String string) {
			return STRING + align(ARRAY_HEADER + string.length());
		}
		Class<?> type = object.getClass();
		if (type.isArray()) {
			return array(object, type.getComponentType(), depth, budget);
		}
		if (object instanceof Enum || object instanceof Class) {
			return 0;
		}
		boolean jdk = type.getName().startsWith("java.");
		if (jdk && object instanceof Collection<?> collection) {
			return container(collection, collection.size(), 16, depth, budget);
		}
		if (jdk && object instanceof Map<?, ?> map) {
			return container(map.entrySet(), map.size(), 40, depth, budget);
		}
		Layout layout = LAYOUTS.get(type);
		long bytes = layout.shallowSize;
		if (depth < MAX_DEPTH) {
			for (Field field : layout.references) {
				bytes += estimate(read(field, object), depth + 1, budget);
			}
		}
		return bytes;
	}

	private static long array(Object array, Class<?> component, int depth, int[] budget) {
		if (component.isPrimitive()) {
			return align(ARRAY_HEADER + (long) java.lang.reflect.Array.getLength(array) * primitiveSize(component));
		}
		Object[] elements = (Object[]) array;
		long bytes = align(ARRAY_HEADER + (long) elements.length * REFERENCE);
		if (depth >= MAX_DEPTH || elements.length == 0) {
			return bytes;
		}
		int sampled = Math.min(SAMPLE, elements.length);
		long sample = 0;
		for (int i = 0; i < sampled; i++) {
			sample += estimate(elements[i], depth + 1, budget);
		}
		return bytes + sample * elements.length / sampled;
	}

	private static long container(Collection<?> elements, int size, int perElement, int depth, int[] budget) {
		long bytes = 48 + (long) size * perElement;
		if (depth >= MAX_DEPTH || size == 0) {
			return bytes;
		}
		long sample = 0;
		int sampled = 0;
		try {
			for (Iterator<?> iterator = elements.iterator(); iterator.hasNext() && sampled < SAMPLE; sampled++) {
				Object element = iterator.next();
				if (element instanceof Map.Entry<?, ?> entry) {
					sample += estimate(entry.getKey(), depth + 1, budget)
							+ estimate(entry.getValue(), depth + 1, budget);
				}
				else {
					sample += estimate(element, depth + 1, budget);
				}
			}
		}
		catch (ConcurrentModificationException ex) {
			// Changed while weighed: extrapolate from what was seen.
		}
		return (sampled > 0) ? bytes + sample * size / sampled : bytes;
	}

	private static Object read(Field field, Object target) {
		try {
			return field.get(target);
		}
		catch (IllegalAccessException ex) {
			return null;
		}
	}

	private static long align(long bytes) {
		return (bytes + 7) & ~7L;
	}

	private static int primitiveSize(Class<?> type) {
		if (type == long.class || type == double.class) {
			return 8;
		}
		if (type == int.class || type == float.class) {
			return 4;
		}
		if (type == short.class || type == char.class) {
			return 2;
		}
		return 1;
	}

	/**
	 * The shallow size of a class's instances and the reference fields the weigher may read.
	 */
	private record Layout(long shallowSize, Field[] references) {

		static Layout of(Class<?> type) {
			long size = HEADER;
			List<Field> references = new ArrayList<>();
			for (Class<?> current = type; current != null && current != Object.class; current = current
				.getSuperclass()) {
				for (Field field : current.getDeclaredFields()) {
					if (Modifier.isStatic(field.getModifiers())) {
						continue;
					}
					Class<?> fieldType = field.getType();
					size += fieldType.isPrimitive() ? primitiveSize(fieldType) : REFERENCE;
					if (!fieldType.isPrimitive() && trySetAccessible(field)) {
						references.add(field);
					}
				}
			}
			return new Layout(align(size), references.toArray(Field[]::new));
		}

		private static boolean trySetAccessible(Field field) {
			try {
				return field.trySetAccessible();
			}
			catch (SecurityException ex) {
				return false;
			}
		}

	}

}
