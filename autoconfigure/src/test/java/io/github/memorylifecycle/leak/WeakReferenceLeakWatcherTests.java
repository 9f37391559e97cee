package io.github.memorylifecycle.leak;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.memorylifecycle.testsupport.MutableClock;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class WeakReferenceLeakWatcherTests {

	private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private final AtomicLong nanos = new AtomicLong(5_000_000_000L);

	private final LifecycleWarnings warnings = new LifecycleWarnings(100, this.clock);

	private final List<Object> retained = new ArrayList<>();

	@Test
	void objectStillReachableAfterTheDelayAndACoveringCollectionIsASuspect() {
		WeakReferenceLeakWatcher watcher = watcher((properties) -> {
		});
		watcher.watch(retain(new Report()), "monthly report");
		advance(Duration.ofSeconds(61));
		watcher.oldCollection(this.nanos.get());
		assertThat(watcher.suspects()).singleElement().satisfies((suspect) -> {
			assertThat(suspect.kind()).isEqualTo(LeakWatcher.USER);
			assertThat(suspect.className()).isEqualTo(Report.class.getName());
			assertThat(suspect.description()).isEqualTo("monthly report");
			assertThat(suspect.count()).isEqualTo(1);
			assertThat(suspect.retained()).isEqualTo(1);
			assertThat(suspect.isResolved()).isFalse();
			assertThat(suspect.oldestScopeEnd()).isEqualTo(START);
			assertThat(suspect.fingerprint()).hasSize(16);
		});
		assertThat(watcher.waiting()).isZero();
	}

	@Test
	void objectIsNotSuspectedBeforeTheDelayHasPassed() {
		WeakReferenceLeakWatcher watcher = watcher((properties) -> {
		});
		watcher.watch(retain(new Report()), "report");
		advance(Duration.ofSeconds(30));
		watcher.oldCollection(this.nanos.get());
		assertThat(watcher.suspects()).isEmpty();
		advance(Duration.ofSeconds(30));
		watcher.check();
		assertThat(watcher.suspects()).hasSize(1);
	}

	@Test
	void objectIsNotSuspectedUntilACollectionStartedAfterItsScopeEnded() {
		WeakReferenceLeakWatcher watcher = watcher((properties) -> {
		});
		long scopeEnd = this.nanos.get();
		watcher.watch(retain(new Report()), "report");
		advance(Duration.ofMinutes(5));
		watcher.oldCollection(scopeEnd); // started as the scope ended: proves nothing
		watcher.check();
		assertThat(watcher.suspects()).isEmpty();
		assertThat(watcher.waiting()).isEqualTo(1);
		watcher.oldCollection(scopeEnd + 1);
		assertThat(watcher.suspects()).hasSize(1);
	}

	@Test
	void objectCollectedAfterItsScopeEndedIsNeverASuspect() {
		WeakReferenceLeakWatcher watcher = watcher((properties) -> {
		});
		WeakReference<Object> probe = watchUnreachable(watcher);
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			System.gc();
			return probe.refersTo(null);
		});
		advance(Duration.ofMinutes(2));
		watcher.oldCollection(this.nanos.get());
		assertThat(watcher.suspects()).isEmpty();
		assertThat(watcher.waiting()).isZero();
	}

	@Test
	void suspectCollectedLaterIsMarkedResolved() {
		WeakReferenceLeakWatcher watcher = watcher((properties) -> {
		});
		watcher.watch(retain(new Report()), "report");
		advance(Duration.ofMinutes(2));
		watcher.oldCollection(this.nanos.get());
		assertThat(watcher.suspects()).singleElement().satisfies((suspect) -> assertThat(suspect.retained()).isOne());
		this.retained.clear();
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			System.gc();
			watcher.check();
			return watcher.suspects().get(0).isResolved();
		});
		assertThat(watcher.suspects()).singleElement().satisfies((suspect) -> {
			assertThat(suspect.count()).isOne();
			assertThat(suspect.resolved()).isOne();
			assertThat(suspect.retained()).isZero();
			assertThat(suspect.oldestScopeEnd()).isNull();
		});
	}

	@Test
	void suspectsOfTheSameClassSiteAndKindShareOneFingerprintWithACount() {
		WeakReferenceLeakWatcher watcher = watcher((properties) -> {
		});
		for (int i = 0; i < 5; i++) {
			watcher.watch(retain(new Report()), "report #" + i);
		}
		watcher.watch(retain(new Report()), "report", "timer");
		advance(Duration.ofMinutes(2));
		watcher.oldCollection(this.nanos.get());
		assertThat(watcher.suspects()).hasSize(2);
		LeakSuspect user = watcher.suspects().get(0);
		assertThat(user.kind()).isEqualTo(LeakWatcher.USER);
		assertThat(user.count()).isEqualTo(5);
		assertThat(user.description()).isEqualTo("report #0");
		assertThat(watcher.suspects().get(1).kind()).isEqualTo("timer");
		assertThat(user.fingerprint()).isNotEqualTo(watcher.suspects().get(1).fingerprint());
	}

	@Test
	void warnsOncePerFingerprintAndAgainEachTimeItsCountDoubles() {
		WeakReferenceLeakWatcher watcher = watcher((properties) -> {
		});
		for (int i = 0; i < 7; i++) {
			watcher.watch(retain(new Report()), "report");
			advance(Duration.ofMinutes(2));
			watcher.oldCollection(this.nanos.get());
		}
		assertThat(this.warnings.count("leaks")).isEqualTo(3); // at 1, 2 and 4
		assertThat(this.warnings.recent()).last().satisfies((warning) -> {
			assertThat(warning.message()).startsWith("4 objects of " + Report.class.getName());
			assertThat(warning.message()).contains("'report'", watcher.suspects().get(0).fingerprint());
		});
		watcher.watch(retain(new Report()), "report");
		advance(Duration.ofMinutes(2));
		watcher.oldCollection(this.nanos.get());
		assertThat(this.warnings.count("leaks")).isEqualTo(4);
	}

	@Test
	void unsampledObjectsAreNotWatched() {
		WeakReferenceLeakWatcher watcher = watcher((properties) -> properties.setSampleRate(0));
		for (int i = 0; i < 100; i++) {
			watcher.watch(retain(new Report()), "report");
		}
		assertThat(watcher.waiting()).isZero();
	}

	@Test
	void sampleRateWatchesAboutThatShareOfTheObjects() {
		WeakReferenceLeakWatcher watcher = watcher((properties) -> properties.setSampleRate(0.1));
		Report report = retain(new Report());
		for (int i = 0; i < 10_000; i++) {
			watcher.watch(report, "report");
		}
		assertThat(watcher.waiting()).isBetween(850, 1150); // binomial: 1000 +- 5 standard deviations
	}

	@Test
	void objectsBeyondTheWatchCapAreDroppedAndCounted() {
		WeakReferenceLeakWatcher watcher = watcher((properties) -> properties.setMaxWatched(3));
		for (int i = 0; i < 5; i++) {
			watcher.watch(retain(new Report()), "report");
		}
		assertThat(watcher.waiting()).isEqualTo(3);
		assertThat(watcher.dropped()).isEqualTo(2);
	}

	@Test
	void suspectGroupsAreBoundedAndResolvedGroupsMakeRoomFirst() {
		WeakReferenceLeakWatcher watcher = watcher((properties) -> properties.setMaxSuspects(2));
		watcher.watch(retain(new Report()), "kept", "kept");
		watchReleasedLater(watcher);
		advance(Duration.ofMinutes(2));
		watcher.oldCollection(this.nanos.get());
		watcher.watch(retain(new Report()), "third", "third");
		advance(Duration.ofMinutes(2));
		watcher.oldCollection(this.nanos.get());
		assertThat(watcher.suspects()).extracting(LeakSuspect::kind).containsExactlyInAnyOrder("kept", "released");
		assertThat(watcher.suspectStore().overflow()).isOne();
		this.retained.remove(1);
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			System.gc();
			watcher.check();
			return watcher.suspects().stream().anyMatch(LeakSuspect::isResolved);
		});
		watcher.watch(retain(new Report()), "fourth", "fourth");
		advance(Duration.ofMinutes(2));
		watcher.oldCollection(this.nanos.get());
		assertThat(watcher.suspects()).extracting(LeakSuspect::kind).containsExactlyInAnyOrder("kept", "fourth");
	}

	@Test
	void siteIsWhereTheObjectWasHandedToTheWatcher() {
		WeakReferenceLeakWatcher watcher = watcher((properties) -> {
		});
		watcher.watch(retain(new Report()), "report");
		advance(Duration.ofMinutes(2));
		watcher.oldCollection(this.nanos.get());
		assertThat(watcher.suspects().get(0).site()).startsWith(getClass().getName()
				+ ".siteIsWhereTheObjectWasHandedToTheWatcher:");
	}

	@Test
	void siteIsLeftOutWhenCaptureIsOff() {
		WeakReferenceLeakWatcher watcher = watcher((properties) -> properties.setCaptureSites(false));
		watcher.watch(retain(new Report()), "report");
		advance(Duration.ofMinutes(2));
		watcher.oldCollection(this.nanos.get());
		assertThat(watcher.suspects().get(0).site()).isNull();
	}

	@Test
	void lambdaClassNamesAreTheSameFromOneRunToTheNext() {
		int size = 3;
		Supplier<Integer> lambda = () -> size;
		assertThat(WeakReferenceLeakWatcher.className(lambda))
			.isEqualTo(WeakReferenceLeakWatcherTests.class.getName() + " (lambda)");
		assertThat(WeakReferenceLeakWatcher.className(new Report())).isEqualTo(Report.class.getName());
		assertThat(WeakReferenceLeakWatcher.className(new byte[1])).isEqualTo("byte[]");
		assertThat(WeakReferenceLeakWatcher.className(new Report[1])).isEqualTo(Report.class.getTypeName() + "[]");
	}

	@Test
	void kindsBeyondTheLimitAreWatchedAsOther() {
		WeakReferenceLeakWatcher watcher = watcher((properties) -> {
		});
		for (int i = 0; i <= WeakReferenceLeakWatcher.MAX_KINDS; i++) {
			watcher.watch(retain(new Report()), "report", "kind" + i);
		}
		advance(Duration.ofMinutes(2));
		watcher.oldCollection(this.nanos.get());
		assertThat(watcher.suspects()).extracting(LeakSuspect::kind)
			.hasSize(WeakReferenceLeakWatcher.MAX_KINDS + 1)
			.contains("kind0", "kind15", "other")
			.doesNotContain("kind16");
	}

	@Test
	void watchingNothingIsRejected() {
		WeakReferenceLeakWatcher watcher = watcher((properties) -> {
		});
		assertThatIllegalArgumentException().isThrownBy(() -> watcher.watch(null, "nothing"));
	}

	private WeakReferenceLeakWatcher watcher(Consumer<LeakProperties> customizer) {
		LeakProperties properties = new LeakProperties();
		properties.setSampleRate(1.0);
		customizer.accept(properties);
		properties.validate();
		return new WeakReferenceLeakWatcher(properties, this.warnings, this.clock, this.nanos::get);
	}

	private void advance(Duration duration) {
		this.clock.advance(duration);
		this.nanos.addAndGet(duration.toNanos());
	}

	private <T> T retain(T object) {
		this.retained.add(object);
		return object;
	}

	private void watchReleasedLater(WeakReferenceLeakWatcher watcher) {
		watcher.watch(retain(new Report()), "released", "released");
	}

	private static WeakReference<Object> watchUnreachable(WeakReferenceLeakWatcher watcher) {
		Object object = new Report();
		watcher.watch(object, "short-lived report");
		return new WeakReference<>(object);
	}

	static final class Report {

		private final byte[] content = new byte[1024];

		int size() {
			return this.content.length;
		}

	}

}
