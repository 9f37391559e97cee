package io.github.memorylifecycle.memory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.jspecify.annotations.Nullable;

/**
 * Reads the figures that explain resident memory outside the heap, where the JVM exposes them cheaply: thread count
 * and stack size, the code cache, and Native Memory Tracking's committed total when the JVM runs with
 * {@code -XX:NativeMemoryTracking=summary} (or {@code detail}).
 * <p>
 * Whether NMT is on and the stack size are read once; the code cache and the thread count on every call. NMT's
 * total comes from the {@code VM.native_memory summary} diagnostic command, a few milliseconds: it is asked only
 * when NMT is on, and only for a snapshot.
 */
final class NativeMemoryReadings {

	private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");

	private final ThreadMXBean threads;

	private final List<MemoryPoolMXBean> codeCachePools;

	private final @Nullable Long threadStackSize;

	private final boolean nmtOn;

	NativeMemoryReadings(List<MemoryPoolMXBean> pools) {
		this.threads = ManagementFactory.getThreadMXBean();
		this.codeCachePools = pools.stream().filter((pool) -> isCodeCache(pool.getType(), pool.getName())).toList();
		HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		this.threadStackSize = (hotSpot != null) ? kilobytes(vmOption(hotSpot, "ThreadStackSize")) : null;
		String nmt = (hotSpot != null) ? vmOption(hotSpot, "NativeMemoryTracking") : null;
		this.nmtOn = nmt != null && !"off".equals(nmt);
	}

	/**
	 * Tells whether a pool is (part of) the code cache: {@code CodeHeap '...'} with a segmented code cache,
	 * {@code Code Cache} without.
	 * @param type the pool type
	 * @param name the pool name
	 * @return whether it holds compiled code
	 */
	static boolean isCodeCache(MemoryType type, String name) {
		return type == MemoryType.NON_HEAP && (name.startsWith("CodeHeap") || "Code Cache".equals(name));
	}

	/**
	 * Returns the number of live Java threads.
	 * @return the count
	 */
	int threadCount() {
		return this.threads.getThreadCount();
	}

	/**
	 * Returns the stack size of a Java thread ({@code -Xss}, {@code -XX:ThreadStackSize}).
	 * @return bytes, {@code null} when the JVM leaves it to the operating system or does not say
	 */
	@Nullable Long threadStackSize() {
		return this.threadStackSize;
	}

	/**
	 * Returns the bytes committed to the code cache.
	 * @return bytes
	 */
	long codeCacheCommitted() {
		long committed = 0;
		for (MemoryPoolMXBean pool : this.codeCachePools) {
			committed += Math.max(0, pool.getUsage().getCommitted());
		}
		return committed;
	}

	/**
	 * Returns Native Memory Tracking's committed total.
	 * @return bytes, {@code null} when NMT is off or the command fails
	 */
	@Nullable Long nmtCommitted() {
		if (!this.nmtOn) {
			return null;
		}
		try {
			MBeanServer server = ManagementFactory.getPlatformMBeanServer();
			Object output = server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
					"vmNativeMemory", new Object[] { new String[] { "summary" } },
					new String[] { String[].class.getName() });
			return (output instanceof String text) ? nmtCommitted(text) : null;
		}
		catch (Exception ex) {
			return null;
		}
	}

	/**
	 * Finds the committed total in the output of {@code VM.native_memory summary}.
	 * @param summary the output
	 * @return bytes, {@code null} when the output has no total
	 */
	static @Nullable Long nmtCommitted(String summary) {
		Matcher matcher = NMT_TOTAL.matcher(summary);
		return matcher.find() ? Long.parseLong(matcher.group(2)) * 1024 : null;
	}

	private static @Nullable String vmOption(HotSpotDiagnosticMXBean hotSpot, String name) {
		try {
			return hotSpot.getVMOption(name).getValue();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable Long kilobytes(@Nullable String value) {
		try {
			long kilobytes = (value != null) ? Long.parseLong(value) : 0;
			return (kilobytes > 0) ? kilobytes * 1024 : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
