package io.github.memorylifecycle.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LoadResultsTests {

	@TempDir
	Path directory;

	@Test
	void ratiosPairAppsMeasuredInTheSameRoundAndLeaveOutWarmUpRounds() throws IOException {
		LoadResults results = read("""
				section	round	app	requests_per_second	p99_ms	errors
				hello	0	A	10.0	1.0	0
				hello	0	B	20.0	1.0	0
				hello	1	A	90.0	2.0	0
				hello	1	B	100.0	3.0	0
				hello	2	B	50.0	4.0	1
				hello	2	A	60.0	5.0	0
				""");
		assertThat(results.ratios("hello", "A", "B")).containsExactly(0.9, 1.2);
		assertThat(results.medianRequestsPerSecond("hello", "B")).isEqualTo(75.0);
		assertThat(results.medianP99("hello", "A")).isEqualTo(3.5);
		assertThat(results.errors("hello")).isEqualTo(1);
	}

	@Test
	void aSectionThatDidNotRunHasNoRatios() throws IOException {
		LoadResults results = read("section\tround\tapp\trequests_per_second\tp99_ms\terrors\n");
		assertThat(results.has("cleanup")).isFalse();
		assertThat(results.ratios("cleanup", "A", "B")).isEmpty();
	}

	private LoadResults read(String tsv) throws IOException {
		Path file = this.directory.resolve("load.tsv");
		Files.writeString(file, tsv);
		return LoadResults.read(file);
	}

}
