package io.github.memorylifecycle.memory;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Reads the resident set size of the process and its peak from a Linux {@code /proc/<pid>/status} file
 * ({@code VmRSS} and {@code VmHWM}, in kB). Where the file does not exist the figures are {@code null}; that is
 * decided once, so other platforms pay nothing.
 */
final class ProcessMemory {

	static final Path SELF_STATUS = Path.of("/proc/self/status");

	private final @Nullable Path status;

	ProcessMemory(Path status) {
		this.status = Files.isReadable(status) ? status : null;
	}

	/**
	 * Reads both figures.
	 * @return the figures, {@code null} where unknown
	 */
	Resident read() {
		if (this.status == null) {
			return Resident.UNKNOWN;
		}
		Long rss = null;
		Long peak = null;
		try (BufferedReader reader = Files.newBufferedReader(this.status, StandardCharsets.US_ASCII)) {
			String line;
			while ((rss == null || peak == null) && (line = reader.readLine()) != null) {
				if (line.startsWith("VmRSS:")) {
					rss = kilobytes(line);
				}
				else if (line.startsWith("VmHWM:")) {
					peak = kilobytes(line);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// A vanished or odd file is not worth failing a snapshot for: the figures stay unknown.
		}
		return new Resident(rss, peak);
	}

	private static @Nullable Long kilobytes(String line) {
		String value = line.substring(line.indexOf(':') + 1).trim();
		int space = value.indexOf(' ');
		String number = (space > 0) ? value.substring(0, space) : value;
		try {
			return Long.parseLong(number) * 1024;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Resident memory of the process.
	 *
	 * @param rss resident set size in bytes
	 * @param peak peak resident set size in bytes
	 */
	record Resident(@Nullable Long rss, @Nullable Long peak) {

		static final Resident UNKNOWN = new Resident(null, null);

	}

}
