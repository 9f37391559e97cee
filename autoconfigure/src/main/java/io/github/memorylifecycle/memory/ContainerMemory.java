package io.github.memorylifecycle.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Reads the memory limit, use and working set of this process's cgroup: what the kernel compares with the limit
 * before it kills the process, whatever the heap use.
 * <p>
 * The limit: cgroup v2 {@code memory.max} ({@code max} means none), the smallest along the way up to the mount point,
 * so that a limit set on a parent of a nested cgroup counts; cgroup v1 {@code memory.limit_in_bytes}, or
 * {@code hierarchical_memory_limit} of {@code memory.stat} when the cgroup's own is unlimited. As in the JVM, a
 * value above the host's memory ({@code MemTotal} of {@code /proc/meminfo}) is no limit. The working set is what the
 * kubelet and {@code kubectl top} report and what eviction compares: use ({@code memory.current},
 * {@code memory.usage_in_bytes}) minus the inactive file cache ({@code inactive_file},
 * {@code total_inactive_file}), which the kernel can drop instead of killing.
 * <p>
 * Every call reads a few small files: cheap enough for the endpoint, health checks and scrapes, not for every
 * request. Where there is no cgroup, every figure is {@code null} and nothing is read.
 */
final class ContainerMemory {

	static final Path MEMINFO = Path.of("/proc/meminfo");

	/**
	 * Anything at or above this is the "no limit" of cgroup v1 ({@code PAGE_COUNTER_MAX} pages, about 2^63 bytes).
	 */
	private static final long UNLIMITED = Long.MAX_VALUE / 2;

	private static final ContainerMemory NONE = new ContainerMemory(null, Long.MAX_VALUE);

	private final @Nullable CgroupLocation location;

	private final long hostMemory;

	ContainerMemory(@Nullable CgroupLocation location, long hostMemory) {
		this.location = location;
		this.hostMemory = hostMemory;
	}

	/**
	 * Reads the memory cgroup of this process.
	 * @return the reader; its figures are {@code null} off Linux or outside any memory cgroup
	 */
	static ContainerMemory ofThisProcess() {
		CgroupLocation location = CgroupLocation.ofThisProcess();
		return (location != null) ? new ContainerMemory(location, hostMemory(MEMINFO)) : NONE;
	}

	/**
	 * Returns the total memory of the host from a {@code /proc/meminfo} file.
	 * @param meminfo the file
	 * @return bytes, {@link Long#MAX_VALUE} when unknown
	 */
	static long hostMemory(Path meminfo) {
		Long total = statValue(meminfo, "MemTotal:");
		return (total != null) ? total * 1024 : Long.MAX_VALUE;
	}

	/**
	 * Tells whether this process is in a memory cgroup at all.
	 * @return whether figures can be read
	 */
	boolean present() {
		return this.location != null;
	}

	/**
	 * Reads the limit only.
	 * @return the limit in bytes, {@code null} when there is none
	 */
	@Nullable Long limit() {
		CgroupLocation location = this.location;
		if (location == null) {
			return null;
		}
		return (location.version() == 2) ? limitV2(location) : limitV1(location);
	}

	/**
	 * Reads the limit, the use and the working set.
	 * @return the figures, {@code null} where unknown
	 */
	Reading read() {
		CgroupLocation location = this.location;
		if (location == null) {
			return Reading.UNKNOWN;
		}
		Path directory = location.directory();
		boolean v2 = location.version() == 2;
		Long usage = number(directory.resolve(v2 ? "memory.current" : "memory.usage_in_bytes"));
		Long inactiveFile = null;
		if (usage != null) {
			Path stat = directory.resolve("memory.stat");
			inactiveFile = v2 ? statValue(stat, "inactive_file") : statValue(stat, "total_inactive_file");
			if (inactiveFile == null && !v2) {
				inactiveFile = statValue(stat, "inactive_file");
			}
		}
		Long workingSet = (usage != null) ? Math.max(0, usage - ((inactiveFile != null) ? inactiveFile : 0)) : null;
		return new Reading(limit(), usage, workingSet);
	}

	private @Nullable Long limitV2(CgroupLocation location) {
		Long smallest = null;
		for (Path directory = location.directory(); directory != null
				&& directory.startsWith(location.mountPoint()); directory = directory.getParent()) {
			Long limit = bounded(number(directory.resolve("memory.max")));
			if (limit != null && (smallest == null || limit < smallest)) {
				smallest = limit;
			}
		}
		return smallest;
	}

	private @Nullable Long limitV1(CgroupLocation location) {
		Long own = bounded(number(location.directory().resolve("memory.limit_in_bytes")));
		if (own != null) {
			return own;
		}
		return bounded(statValue(location.directory().resolve("memory.stat"), "hierarchical_memory_limit"));
	}

	private @Nullable Long bounded(@Nullable Long limit) {
		return (limit != null && limit > 0 && limit < UNLIMITED && limit <= this.hostMemory) ? limit : null;
	}

	/**
	 * Reads a file holding one number, or {@code max}.
	 * @return the number, {@code null} for {@code max}, a missing file or anything else
	 */
	private static @Nullable Long number(Path file) {
		try {
			String value = Files.readString(file, StandardCharsets.US_ASCII).trim();
			return "max".equals(value) ? null : Long.parseLong(value);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Reads the value of one key of a {@code key value} file such as {@code memory.stat} or {@code /proc/meminfo}.
	 * @return the value, {@code null} when the key or the file is missing
	 */
	private static @Nullable Long statValue(Path file, String key) {
		try {
			for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
				String[] fields = line.trim().split("\\s+");
				if (fields.length >= 2 && fields[0].equals(key)) {
					return Long.parseLong(fields[1]);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// unreadable or odd: unknown
		}
		return null;
	}

	/**
	 * Memory figures of the cgroup.
	 *
	 * @param limit the limit in bytes, {@code null} when there is none
	 * @param usage bytes charged to the cgroup, page cache included
	 * @param workingSet {@code usage} minus the inactive file cache
	 */
	record Reading(@Nullable Long limit, @Nullable Long usage, @Nullable Long workingSet) {

		static final Reading UNKNOWN = new Reading(null, null, null);

	}

}
