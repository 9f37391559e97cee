package io.github.memorylifecycle.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

import com.sun.management.OperatingSystemMXBean;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the CPU time of the benchmark's JVM per operation ({@code cpu.time.norm}, ns/op).
 * Wall-clock time per operation grows whenever other processes take the CPU away from the benchmark; CPU time
 * mostly does not, which makes ratios between benchmarks run minutes apart on a shared machine far steadier. It
 * counts every thread of the forked JVM, so the garbage collector's work for the benchmark's allocations is part
 * of its cost.
 * <p>
 * Use: {@code -prof io.github.memorylifecycle.benchmarks.CpuTimeProfiler} (run.sh adds it).
 */
public class CpuTimeProfiler implements InternalProfiler {

	private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

	private long startNanos;

	@Override
	public String getDescription() {
		return "CPU time of the benchmark JVM per operation";
	}

	@Override
	public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
		this.startNanos = this.os.getProcessCpuTime();
	}

	@Override
	public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
			IterationParams iterationParams, IterationResult result) {
		long cpuNanos = this.os.getProcessCpuTime() - this.startNanos;
		long operations = result.getMetadata().getAllOps();
		double perOperation = (operations > 0) ? (double) cpuNanos / operations : Double.NaN;
		return List.of(new ScalarResult("cpu.time.norm", perOperation, "ns/op", AggregationPolicy.AVG));
	}

}
