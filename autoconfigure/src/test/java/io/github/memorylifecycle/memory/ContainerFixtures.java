package io.github.memorylifecycle.memory;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The cgroup fixtures of {@code src/test/resources/cgroup}: one directory per host layout, each with the process's
 * {@code cgroup} and {@code mountinfo} files and the controller files below {@code fs}.
 */
final class ContainerFixtures {

	private ContainerFixtures() {
	}

	static @Nullable CgroupLocation locate(String name) {
		Path fixture = path(name);
		return CgroupLocation.locate(fixture.resolve("cgroup"), fixture.resolve("mountinfo"), fixture.resolve("fs"));
	}

	static Path path(String name) {
		try {
			return Path.of(ContainerFixtures.class.getResource("/cgroup").toURI()).resolve(name);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
