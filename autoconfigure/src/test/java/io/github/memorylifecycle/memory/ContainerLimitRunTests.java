package io.github.memorylifecycle.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * One real run under a memory limit: a child cgroup of this process's own cgroup gets a 256 MiB limit, a child JVM
 * moves itself into it and prints what its memory snapshot sees, next to what the JVM itself sees (its container-aware
 * total memory). Needs a writable cgroup (root, a cgroup v1 memory controller or a v2 hierarchy that delegates the
 * memory controller); skipped with the reason elsewhere.
 */
class ContainerLimitRunTests {

	private static final long LIMIT = 256L * 1024 * 1024;

	private Path cgroup;

	@Test
	void childJvmUnderALimitSeesTheLimitTheJvmSeesAndItsResidentShare() throws Exception {
		CgroupLocation location = CgroupLocation.ofThisProcess();
		assumeThat(location).as("this process is in no memory cgroup (not Linux?)").isNotNull();
		assumeThat(Files.isWritable(location.directory()))
			.as("cgroup %s is not writable: run as root with a writable /sys/fs/cgroup", location.directory())
			.isTrue();
		this.cgroup = Files.createDirectory(
				location.directory().resolve("memory-lifecycle-test-" + ProcessHandle.current().pid()));
		assumeThat(limit(location.version())).as("cannot set a memory limit in %s (memory controller not delegated)",
				this.cgroup)
			.isTrue();
		Map<String, String> seen = runProbe();
		System.out.println("Under a " + LIMIT + "-byte cgroup limit the probe saw " + seen);
		assertThat(seen).containsEntry("containerLimit", Long.toString(LIMIT))
			.containsEntry("jvmTotalMemory", Long.toString(LIMIT));
		long rss = Long.parseLong(seen.get("rss"));
		assertThat(rss).isPositive().isLessThan(LIMIT);
		assertThat(Double.parseDouble(seen.get("rssPercentOfContainerLimit")))
			.isCloseTo(rss * 100.0 / LIMIT, Offset.offset(0.1));
		assertThat(Long.parseLong(seen.get("workingSet"))).isPositive().isLessThanOrEqualTo(LIMIT);
		// with this little memory the JVM gives the heap MinRAMPercentage (50 %) of the limit
		assertThat(Long.parseLong(seen.get("jvmMaxHeap"))).as("the JVM sized its heap from the same limit")
			.isLessThanOrEqualTo(LIMIT / 2);
		assertThat(Long.parseLong(seen.get("nmtCommitted"))).as("-XX:NativeMemoryTracking=summary is on").isPositive();
	}

	private boolean limit(int version) {
		try {
			if (version == 2) {
				Path parentControl = this.cgroup.getParent().resolve("cgroup.subtree_control");
				if (!Files.readString(parentControl).contains("memory")) {
					Files.writeString(parentControl, "+memory");
				}
				Files.writeString(this.cgroup.resolve("memory.max"), Long.toString(LIMIT));
			}
			else {
				Files.writeString(this.cgroup.resolve("memory.limit_in_bytes"), Long.toString(LIMIT));
			}
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private Map<String, String> runProbe() throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// the child moves itself into the cgroup, then becomes the JVM: the JVM starts under the limit
		Process process = new ProcessBuilder("sh", "-c", "echo $$ > \"$0\" && exec \"$@\"",
				this.cgroup.resolve("cgroup.procs").toString(), java, "-XX:NativeMemoryTracking=summary", "-cp",
				System.getProperty("java.class.path"), ContainerProbe.class.getName())
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
		List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
			.toList();
		assertThat(process.exitValue()).as("probe output: %s", lines).isZero();
		Map<String, String> seen = new HashMap<>();
		for (String line : lines) {
			int equals = line.indexOf('=');
			if (equals > 0) {
				seen.put(line.substring(0, equals), line.substring(equals + 1));
			}
		}
		return seen;
	}

	@AfterEach
	void removeTheCgroup() throws IOException {
		if (this.cgroup != null) {
			// a cgroup is removed with rmdir once empty; its control files go with it
			if (!this.cgroup.toFile().delete()) {
				throw new IOException("could not remove " + this.cgroup);
			}
		}
	}

}
