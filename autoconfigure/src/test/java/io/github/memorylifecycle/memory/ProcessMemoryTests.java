package io.github.memorylifecycle.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessMemoryTests {

	@TempDir
	Path directory;

	@Test
	void readsResidentSetAndPeakInBytes() throws IOException {
		Path status = Files.writeString(this.directory.resolve("status"),
				"Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t42\n");
		ProcessMemory.Resident resident = new ProcessMemory(status).read();
		assertThat(resident.rss()).isEqualTo(102400L * 1024);
		assertThat(resident.peak()).isEqualTo(204800L * 1024);
	}

	@Test
	void figuresAreUnknownWithoutTheFile() {
		ProcessMemory.Resident resident = new ProcessMemory(this.directory.resolve("absent")).read();
		assertThat(resident.rss()).isNull();
		assertThat(resident.peak()).isNull();
	}

	@Test
	void malformedFiguresAreUnknown() throws IOException {
		Path status = Files.writeString(this.directory.resolve("status"), "VmRSS:\tlots kB\n");
		ProcessMemory.Resident resident = new ProcessMemory(status).read();
		assertThat(resident.rss()).isNull();
		assertThat(resident.peak()).isNull();
	}

}
