package io.github.memorylifecycle.memory;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads cgroup v1 and v2 fixtures laid out as on real hosts (under {@code src/test/resources/cgroup}): the
 * process's {@code /proc/self/cgroup}, its {@code mountinfo}, and the controller files below a fixture root.
 */
class ContainerMemoryTests {

	private static final long MIB = 1024 * 1024;

	@Test
	void cgroupV2ContainerWithANamespaceReadsItsLimitAtTheMountPoint() {
		CgroupLocation location = locate("v2-container");
		assertThat(location.version()).isEqualTo(2);
		assertThat(location.directory()).isEqualTo(fixture("v2-container").resolve("fs/sys/fs/cgroup"));
		ContainerMemory.Reading reading = read(location);
		assertThat(reading.limit()).isEqualTo(512 * MIB);
		assertThat(reading.usage()).isEqualTo(384 * MIB);
		assertThat(reading.workingSet()).isEqualTo(384 * MIB - 64 * MIB);
	}

	@Test
	void cgroupV2NestedCgroupWithMaxTakesTheLimitOfItsParent() {
		CgroupLocation location = locate("v2-nested");
		assertThat(location.directory()).endsWith(
				Path.of("sys/fs/cgroup/kubepods.slice/kubepods-pod1.slice/cri-containerd-abc.scope"));
		ContainerMemory.Reading reading = read(location);
		assertThat(reading.limit()).isEqualTo(1024 * MIB);
		assertThat(reading.workingSet()).isEqualTo(200 * MIB - 9715200);
	}

	@Test
	void cgroupV2WithMaxAllTheWayUpHasNoLimitButAWorkingSet() {
		ContainerMemory.Reading reading = read(locate("v2-unlimited"));
		assertThat(reading.limit()).isNull();
		assertThat(reading.usage()).isEqualTo(MIB);
		assertThat(reading.workingSet()).isEqualTo(MIB);
	}

	@Test
	void cgroupV1DockerWithoutNamespaceUsesTheMountPointWhoseRootIsTheCgroupPath() {
		CgroupLocation location = locate("v1-docker");
		assertThat(location.version()).isEqualTo(1);
		assertThat(location.directory()).isEqualTo(fixture("v1-docker").resolve("fs/sys/fs/cgroup/memory"));
		ContainerMemory.Reading reading = read(location);
		assertThat(reading.limit()).isEqualTo(256 * MIB);
		assertThat(reading.workingSet()).as("usage minus total_inactive_file").isEqualTo(192 * MIB - 32 * MIB);
	}

	@Test
	void cgroupV1WinsOverTheUnifiedHierarchyOnAHybridHost() {
		assertThat(locate("v1-docker").version()).isEqualTo(1);
		assertThat(locate("v1-nested").version()).isEqualTo(1);
	}

	@Test
	void cgroupV1NestedPathIsAppendedToAMountOfTheWholeHierarchy() {
		CgroupLocation location = locate("v1-nested");
		assertThat(location.directory()).isEqualTo(fixture("v1-nested").resolve("fs/sys/fs/cgroup/memory/process_api/0930"));
		assertThat(location.mountPoint()).isEqualTo(fixture("v1-nested").resolve("fs/sys/fs/cgroup/memory"));
	}

	@Test
	void cgroupV1UnlimitedOwnLimitFallsBackToTheHierarchicalLimit() {
		assertThat(read(locate("v1-nested")).limit()).isEqualTo(768 * MIB);
	}

	@Test
	void cgroupV1UnlimitedEverywhereHasNoLimitAndEscapedMountPointsAreDecoded() {
		CgroupLocation location = locate("v1-unlimited");
		assertThat(location.directory().getFileName()).hasToString("memory controller");
		ContainerMemory.Reading reading = read(location);
		assertThat(reading.limit()).isNull();
		assertThat(reading.usage()).isEqualTo(1024 * MIB);
	}

	@Test
	void aLimitAboveTheHostsMemoryIsNoLimit() {
		ContainerMemory memory = new ContainerMemory(locate("v1-docker"), 128 * MIB);
		assertThat(memory.limit()).isNull();
		assertThat(memory.read().usage()).isEqualTo(192 * MIB);
	}

	@Test
	void hostMemoryComesFromMemTotal() {
		assertThat(ContainerMemory.hostMemory(fixture("meminfo"))).isEqualTo(16384000L * 1024);
		assertThat(ContainerMemory.hostMemory(fixture("absent"))).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void noMemoryControllerMeansNoCgroupAndUnknownFigures() {
		assertThat(locate("none")).isNull();
		ContainerMemory memory = new ContainerMemory(null, Long.MAX_VALUE);
		assertThat(memory.present()).isFalse();
		assertThat(memory.read()).isEqualTo(ContainerMemory.Reading.UNKNOWN);
	}

	@Test
	void missingFilesMeanNoCgroup() {
		assertThat(CgroupLocation.locate(fixture("absent"), fixture("absent"), fixture("v2-container"))).isNull();
	}

	private static ContainerMemory.Reading read(CgroupLocation location) {
		return new ContainerMemory(location, ContainerMemory.hostMemory(fixture("meminfo"))).read();
	}

	private static @Nullable CgroupLocation locate(String name) {
		return ContainerFixtures.locate(name);
	}

	private static Path fixture(String name) {
		return ContainerFixtures.path(name);
	}

}
