package io.github.memorylifecycle.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where the memory controller of this process's cgroup lives, found the way the JVM finds it: the process's cgroup
 * path comes from {@code /proc/self/cgroup}, the controller's mount from {@code /proc/self/mountinfo}, and the two are
 * joined.
 * <p>
 * A cgroup v1 memory controller ({@code N:memory:/path}, a mount of type {@code cgroup} whose options name
 * {@code memory}) wins over the unified hierarchy, as in the JVM: on a hybrid host the memory limit is a v1 one.
 * Without it, the unified hierarchy ({@code 0::/path}, a mount of type {@code cgroup2}) is used.
 * <p>
 * Joining the paths: when the mount's root is {@code /} (the host's view, or a nested cgroup seen from the host) the
 * process's path is appended to the mount point; when the mount's root is the process's path (a container without a
 * cgroup namespace) the mount point is the directory; when the process's path lies below the mount's root, the rest
 * is appended. A directory that does not exist falls back to the mount point.
 *
 * @param version 1 or 2
 * @param directory the memory controller's directory of this process's cgroup
 * @param mountPoint the controller's mount point, the highest directory a limit may be read from
 */
record CgroupLocation(int version, Path directory, Path mountPoint) {

	static final Path SELF_CGROUP = Path.of("/proc/self/cgroup");

	static final Path SELF_MOUNTINFO = Path.of("/proc/self/mountinfo");

	/**
	 * Locates the memory controller of this process, on the real file system.
	 * @return the location, or {@code null} when the process is in no memory cgroup (not Linux, or no controller)
	 */
	static @Nullable CgroupLocation ofThisProcess() {
		return locate(SELF_CGROUP, SELF_MOUNTINFO, Path.of("/"));
	}

	/**
	 * Locates the memory controller from the two files.
	 * @param cgroupFile the {@code /proc/self/cgroup} to read
	 * @param mountinfoFile the {@code /proc/self/mountinfo} to read
	 * @param root where the absolute mount points of {@code mountinfoFile} are found: {@code /}, or a fixture directory
	 * @return the location, or {@code null} when there is no memory controller or a file cannot be read
	 */
	static @Nullable CgroupLocation locate(Path cgroupFile, Path mountinfoFile, Path root) {
		List<String> cgroups = lines(cgroupFile);
		List<String> mounts = lines(mountinfoFile);
		String v1Path = null;
		String v2Path = null;
		for (String line : cgroups) {
			String[] fields = line.split(":", 3);
			if (fields.length < 3) {
				continue;
			}
			if ("0".equals(fields[0]) && fields[1].isEmpty()) {
				v2Path = fields[2];
			}
			else if (Arrays.asList(fields[1].split(",")).contains("memory")) {
				v1Path = fields[2];
			}
		}
		if (v1Path != null) {
			Mount mount = findMount(mounts, "cgroup", true);
			if (mount != null) {
				return join(1, mount, v1Path, root);
			}
		}
		if (v2Path != null) {
			Mount mount = findMount(mounts, "cgroup2", false);
			if (mount != null) {
				return join(2, mount, v2Path, root);
			}
		}
		return null;
	}

	private static CgroupLocation join(int version, Mount mount, String cgroupPath, Path root) {
		String relative;
		if ("/".equals(mount.root())) {
			relative = cgroupPath;
		}
		else if (mount.root().equals(cgroupPath)) {
			relative = "/";
		}
		else if (cgroupPath.startsWith(mount.root() + "/")) {
			relative = cgroupPath.substring(mount.root().length());
		}
		else {
			relative = "/";
		}
		Path mountPoint = root.resolve(mount.point().substring(1));
		Path directory = mountPoint.resolve(relative.substring(1));
		return new CgroupLocation(version, Files.isDirectory(directory) ? directory : mountPoint, mountPoint);
	}

	private static @Nullable Mount findMount(List<String> mountinfo, String type, boolean needsMemoryOption) {
		for (String line : mountinfo) {
			int separator = line.indexOf(" - ");
			if (separator < 0) {
				continue;
			}
			String[] before = line.substring(0, separator).split(" ");
			String[] after = line.substring(separator + 3).split(" ");
			if (before.length < 5 || after.length < 1 || !type.equals(after[0])) {
				continue;
			}
			if (needsMemoryOption
					&& (after.length < 3 || !Arrays.asList(after[2].split(",")).contains("memory"))) {
				continue;
			}
			return new Mount(unescape(before[3]), unescape(before[4]));
		}
		return null;
	}

	/**
	 * Decodes the octal escapes ({@code \040} for a space) the kernel writes in mountinfo paths.
	 */
	private static String unescape(String field) {
		if (field.indexOf('\\') < 0) {
			return field;
		}
		StringBuilder decoded = new StringBuilder(field.length());
		for (int i = 0; i < field.length(); i++) {
			char c = field.charAt(i);
			if (c == '\\' && isOctal(field, i + 1)) {
				decoded.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
				i += 3;
			}
			else {
				decoded.append(c);
			}
		}
		return decoded.toString();
	}

	private static boolean isOctal(String field, int start) {
		if (start + 3 > field.length()) {
			return false;
		}
		for (int i = start; i < start + 3; i++) {
			if (field.charAt(i) < '0' || field.charAt(i) > '7') {
				return false;
			}
		}
		return true;
	}

	private static List<String> lines(Path file) {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException | RuntimeException ex) {
			return List.of();
		}
	}

	/**
	 * One mount of a cgroup file system.
	 *
	 * @param root the directory of the hierarchy that is mounted, {@code /} for all of it
	 * @param point where it is mounted
	 */
	private record Mount(String root, String point) {
	}

}
