package io.github.memorylifecycle.events;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import io.github.memorylifecycle.benchmarks.Comparison;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Publishing a prebuilt event to 1 or 100 listeners of its type through a refreshed context: one whose
 * {@code applicationEventMulticaster} is the starter's {@link TrackingApplicationEventMulticaster} (made as its
 * auto-configuration makes it), against one with Spring's default {@code SimpleApplicationEventMulticaster}. The
 * listeners are added at run time ({@code context.addApplicationListener}), the kind the starter tracks.
 * <p>
 * Run: {@code benchmarks/run.sh jmh}, or after it {@code java -cp "$(cat benchmarks/target/run-classpath.txt)"
 * org.openjdk.jmh.Main PublishEventBenchmark -prof gc}.
 */
@Comparison(title = "Publish an event", baseline = "context.publishEvent with SimpleApplicationEventMulticaster",
		starter = "the same context with the starter's TrackingApplicationEventMulticaster",
		target = "≥ 0.95× speed, 0 B/op added", minSpeedRatio = 0.95, maxAddedBytes = 0)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class PublishEventBenchmark {

	@Param({ "1", "100" })
	public int listeners;

	private final BenchmarkEvent event = new BenchmarkEvent(this);

	private GenericApplicationContext plain;

	private GenericApplicationContext tracked;

	@Setup
	public void setUp() {
		this.plain = context(false);
		this.tracked = context(true);
	}

	@TearDown
	public void tearDown() {
		this.plain.close();
		this.tracked.close();
	}

	private GenericApplicationContext context(boolean tracking) {
		GenericApplicationContext context = new GenericApplicationContext();
		if (tracking) {
			ListenerTracker tracker = new ListenerTracker(1000, false, Clock.systemUTC(),
					() -> new LifecycleWarnings(100, Clock.systemUTC()));
			context.registerBean(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
					TrackingApplicationEventMulticaster.class, () -> new TrackingApplicationEventMulticaster(tracker));
		}
		context.refresh();
		for (int i = 0; i < this.listeners; i++) {
			context.addApplicationListener(new CountingListener());
		}
		String multicaster = context.getBean(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME)
			.getClass()
			.getSimpleName();
		if (tracking != multicaster.equals("TrackingApplicationEventMulticaster")) {
			throw new IllegalStateException("Unexpected multicaster " + multicaster);
		}
		return context;
	}

	/**
	 * Spring's multicaster.
	 */
	@Benchmark
	public void baseline() {
		this.plain.publishEvent(this.event);
	}

	/**
	 * The starter's multicaster.
	 */
	@Benchmark
	public void starter() {
		this.tracked.publishEvent(this.event);
	}

	static final class BenchmarkEvent extends ApplicationEvent {

		BenchmarkEvent(Object source) {
			super(source);
		}

	}

	static final class CountingListener implements ApplicationListener<BenchmarkEvent> {

		private long received;

		@Override
		public void onApplicationEvent(BenchmarkEvent event) {
			this.received++;
		}

	}

}
