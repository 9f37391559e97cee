package io.github.memorylifecycle.scope;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WeakOwnerCleanupRegistryTests {

	private final List<Object> cleanedUp = new CopyOnWriteArrayList<>();

	private final WeakOwnerCleanupRegistry registry = new WeakOwnerCleanupRegistry(List.of(this.cleanedUp::add));

	private final List<String> ran = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeRegistry() {
		this.registry.close();
	}

	@Test
	void cleanupRunsTheOwnersCleanupsInReverseOrderAndForgetsTheOwner() {
		Object owner = new Object();
		this.registry.register(owner, "first", () -> this.ran.add("first"));
		this.registry.register(owner, () -> this.ran.add("second"));
		assertThat(this.registry.owners()).isEqualTo(1);
		assertThat(this.registry.cleanup(owner)).isEqualTo(2);
		assertThat(this.ran).containsExactly("second", "first");
		assertThat(this.registry.owners()).isZero();
		assertThat(this.registry.cleanup(owner)).isZero();
		assertThat(this.cleanedUp).containsExactly(owner);
	}

	@Test
	void cleanupOfAnUnknownOwnerReturnsZero() {
		assertThat(this.registry.cleanup(new Object())).isZero();
		assertThat(this.cleanedUp).isEmpty();
	}

	@Test
	void ownersAreComparedByIdentityNotEquality() {
		List<String> first = new ArrayList<>();
		List<String> second = new ArrayList<>();
		this.registry.register(first, () -> this.ran.add("first"));
		this.registry.register(second, () -> this.ran.add("second"));
		assertThat(this.registry.owners()).isEqualTo(2);
		assertThat(this.registry.cleanup(second)).isEqualTo(1);
		assertThat(this.ran).containsExactly("second");
	}

	@Test
	void anOwnerCollectedWithoutCleanupStillGetsItsCleanupsRunAndIsCounted() {
		WeakReference<Object> owner = registerForTemporaryOwner();
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			System.gc();
			return this.ran.size() == 2;
		});
		assertThat(owner.get()).isNull();
		assertThat(this.ran).containsExactly("second", "first");
		assertThat(this.registry.owners()).isZero();
		assertThat(this.registry.statistics().ownersCollectedWithoutCleanup()).isEqualTo(1);
		assertThat(this.cleanedUp).isEmpty();
	}

	@Test
	void trackingNeverKeepsAnOwnerAlive() {
		WeakReference<Object> owner = registerForTemporaryOwner();
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			System.gc();
			return owner.get() == null;
		});
	}

	@Test
	void closeRunsTheCleanupsOfEveryRemainingOwner() {
		Object first = new Object();
		Object second = new Object();
		this.registry.register(first, () -> this.ran.add("first"));
		this.registry.register(second, () -> this.ran.add("second"));
		this.registry.close();
		assertThat(this.ran).containsExactlyInAnyOrder("first", "second");
		assertThat(this.registry.owners()).isZero();
	}

	@Test
	void anOwnerCleanedUpCanRegisterAgainInANewScope() {
		Object owner = new Object();
		this.registry.register(owner, () -> this.ran.add("before"));
		this.registry.cleanup(owner);
		this.registry.register(owner, () -> this.ran.add("after"));
		assertThat(this.ran).containsExactly("before");
		assertThat(this.registry.cleanup(owner)).isEqualTo(1);
		assertThat(this.ran).containsExactly("before", "after");
	}

	@Test
	void theReaperThreadStartsWithTheFirstOwnerPinsNoClassLoaderAndStopsAtClose() {
		List<Thread> before = reapers();
		WeakOwnerCleanupRegistry registry = new WeakOwnerCleanupRegistry(List.of());
		assertThat(reapers()).isEqualTo(before);
		registry.register(new Object(), () -> {
		});
		registry.register(new Object(), () -> {
		});
		List<Thread> started = new ArrayList<>(reapers());
		started.removeAll(before);
		assertThat(started).singleElement()
			.satisfies((thread) -> assertThat(thread.getContextClassLoader()).isNull());
		registry.close();
		assertThat(started.get(0).isAlive()).isFalse();
		registry.register(new Object(), () -> {
		});
		assertThat(reapers()).as("no thread is started once closed").isEqualTo(before);
	}

	private static List<Thread> reapers() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().equals(WeakOwnerCleanupRegistry.THREAD_NAME))
			.toList();
	}

	private WeakReference<Object> registerForTemporaryOwner() {
		Object owner = new byte[1024];
		this.registry.register(owner, "first", () -> this.ran.add("first"));
		this.registry.register(owner, "second", () -> this.ran.add("second"));
		return new WeakReference<>(owner);
	}

}
