package io.github.memorylifecycle.events;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.memorylifecycle.warning.LifecycleWarning;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ListenerTracker}, driven through {@link TrackingApplicationEventMulticaster}.
 */
class ListenerTrackerTests {

	private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");

	private final LifecycleWarnings warnings = new LifecycleWarnings(50, Clock.fixed(NOW, ZoneOffset.UTC));

	private final ListenerTracker tracker = new ListenerTracker(3, true, Clock.fixed(NOW, ZoneOffset.UTC),
			() -> this.warnings);

	private final TrackingApplicationEventMulticaster multicaster = new TrackingApplicationEventMulticaster(
			this.tracker);

	@Test
	void listenersAddedBeforeStartAreStartupListeners() {
		this.multicaster.addApplicationListener(new OrderListener());
		this.multicaster.addApplicationListenerBean("orderListener");
		assertThat(this.tracker.liveCount()).isZero();
		assertThat(this.tracker.liveListeners(10)).isEmpty();
		assertThat(this.tracker.startupCount()).isEqualTo(2);
	}

	@Test
	void listenerAddedAfterStartIsRecordedWithItsResolvedEventTypeClassAndSite() {
		this.tracker.start();
		this.multicaster.addApplicationListener(new PayloadListener());
		assertThat(this.tracker.liveListeners(10)).singleElement().satisfies((info) -> {
			assertThat(info.id()).isEqualTo(1);
			assertThat(info.eventType())
				.isEqualTo("org.springframework.context.PayloadApplicationEvent<java.lang.String>");
			assertThat(info.listener()).isEqualTo(PayloadListener.class.getName());
			assertThat(info.owner()).isNull();
			assertThat(info.scope()).isNull();
			assertThat(info.addedAt()).isEqualTo(NOW);
			assertThat(info.site()).startsWith(ListenerTrackerTests.class.getName()
					+ ".listenerAddedAfterStartIsRecordedWithItsResolvedEventTypeClassAndSite:");
		});
		assertThat(this.tracker.liveCount()).isEqualTo(1);
	}

	@Test
	void lambdaListenerIsRecordedAsListeningToApplicationEventAndNamedWithoutItsAddress() {
		this.tracker.start();
		this.multicaster.addApplicationListener((ApplicationListener<OrderPlaced>) (event) -> {
		});
		assertThat(this.tracker.liveListeners(10)).singleElement().satisfies((info) -> {
			assertThat(info.eventType()).isEqualTo(ApplicationEvent.class.getName());
			assertThat(info.listener()).isEqualTo(ListenerTrackerTests.class.getName() + " (lambda)");
		});
	}

	@Test
	void removingAListenerDropsItsRecord() {
		this.tracker.start();
		OrderListener first = new OrderListener();
		OrderListener second = new OrderListener();
		this.multicaster.addApplicationListener(first);
		this.multicaster.addApplicationListener(second);
		this.multicaster.removeApplicationListener(first);
		assertThat(this.tracker.liveListeners(10)).extracting(ListenerInfo::id).containsExactly(2L);
		assertThat(this.tracker.liveCount()).isEqualTo(1);
	}

	@Test
	void removingListenersByPredicateDropsTheRecordsOfThoseItRemoved() {
		this.tracker.start();
		this.multicaster.addApplicationListener(new OrderListener());
		this.multicaster.addApplicationListener(new PayloadListener());
		this.multicaster.removeApplicationListeners(PayloadListener.class::isInstance);
		assertThat(this.tracker.liveListeners(10)).extracting(ListenerInfo::listener)
			.containsExactly(OrderListener.class.getName());
	}

	@Test
	void removingAllListenersDropsEveryRecord() {
		this.multicaster.addApplicationListener(new OrderListener());
		this.multicaster.addApplicationListenerBean("orderListener");
		this.tracker.start();
		this.multicaster.addApplicationListener(new OrderListener());
		this.multicaster.removeAllListeners();
		assertThat(this.tracker.liveCount()).isZero();
		assertThat(this.tracker.startupCount()).isZero();
	}

	@Test
	void addingTheSameListenerTwiceKeepsOneRecordLikeTheMulticaster() {
		this.tracker.start();
		OrderListener listener = new OrderListener();
		this.multicaster.addApplicationListener(listener);
		this.multicaster.addApplicationListener(listener);
		assertThat(this.tracker.liveCount()).isEqualTo(1);
	}

	@Test
	void addingAProxyReplacesTheRecordOfItsTargetLikeTheMulticaster() {
		this.tracker.start();
		OrderListener target = new OrderListener();
		this.multicaster.addApplicationListener(target);
		ApplicationListener<?> proxy = (ApplicationListener<?>) new ProxyFactory(target).getProxy();
		this.multicaster.addApplicationListener(proxy);
		assertThat(this.tracker.liveListeners(10)).singleElement()
			.satisfies((info) -> assertThat(info.id()).isEqualTo(2));
	}

	@Test
	void lazyListenerBeanAddedAfterStartIsAStartupListener() {
		OrderListener lazyBean = new OrderListener();
		Map<String, Object> singletons = new HashMap<>();
		this.tracker.attach(singletons::get);
		this.multicaster.addApplicationListenerBean("lazyOrderListener");
		this.tracker.start();
		singletons.put("lazyOrderListener", lazyBean);
		this.multicaster.addApplicationListener(lazyBean);
		assertThat(this.tracker.liveCount()).isZero();
		assertThat(this.tracker.startupCount()).isEqualTo(1);
	}

	@Test
	void warnsAtTheLimitPlusOneAndAgainWhenTheCountDoublesNotInBetween() {
		this.tracker.start();
		List<Integer> warningsAfterEachAdd = new ArrayList<>();
		for (int i = 1; i <= 9; i++) {
			this.multicaster.addApplicationListener(new OrderListener());
			warningsAfterEachAdd.add((int) this.tracker.warnings());
		}
		// limit 3: the 4th listener warns, the 5th to 7th do not, the 8th (twice 4) does
		assertThat(warningsAfterEachAdd).containsExactly(0, 0, 0, 1, 1, 1, 1, 2, 2);
		assertThat(this.warnings.count("listeners")).isEqualTo(2);
		assertThat(this.warnings.recent()).extracting(LifecycleWarning::message)
			.first(InstanceOfAssertFactories.STRING)
			.contains("Event type " + OrderPlaced.class.getName() + " holds 4 listeners")
			.contains("limit of 3 (memory.lifecycle.listeners.max-per-event)")
			.contains("most were added at: " + ListenerTrackerTests.class.getName()
					+ ".warnsAtTheLimitPlusOneAndAgainWhenTheCountDoublesNotInBetween:")
			.contains(" (x4)");
	}

	@Test
	void countsEachEventTypeOnItsOwn() {
		this.tracker.start();
		for (int i = 0; i < 3; i++) {
			this.multicaster.addApplicationListener(new OrderListener());
			this.multicaster.addApplicationListener(new PayloadListener());
		}
		assertThat(this.tracker.liveCount()).isEqualTo(6);
		assertThat(this.tracker.warnings()).isZero();
	}

	@Test
	void warnsAgainAfterTheCountFellBackToTheLimit() {
		this.tracker.start();
		List<OrderListener> listeners = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			OrderListener listener = new OrderListener();
			listeners.add(listener);
			this.multicaster.addApplicationListener(listener);
		}
		assertThat(this.tracker.warnings()).isEqualTo(1);
		this.multicaster.removeApplicationListener(listeners.get(0));
		this.multicaster.addApplicationListener(new OrderListener());
		assertThat(this.tracker.warnings()).isEqualTo(2);
	}

	@Test
	void warningNamesListenerClassesAsSitesWhenSiteCaptureIsOff() {
		ListenerTracker tracker = new ListenerTracker(1, false, Clock.systemUTC(), () -> this.warnings);
		TrackingApplicationEventMulticaster multicaster = new TrackingApplicationEventMulticaster(tracker);
		tracker.start();
		multicaster.addApplicationListener(new OrderListener());
		multicaster.addApplicationListener(new OrderListener());
		assertThat(tracker.liveListeners(10)).extracting(ListenerInfo::site).containsOnlyNulls();
		assertThat(this.warnings.recent()).singleElement()
			.extracting(LifecycleWarning::message)
			.asString()
			.contains("most were added at: " + OrderListener.class.getName() + " (x2)");
	}

	@Test
	void recordStaysInStepWithTheMulticasterWhenThreadsAddAndRemoveConcurrently() throws Exception {
		this.tracker.start();
		int threads = 4;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < 500; i++) {
						OrderListener listener = new OrderListener();
						this.multicaster.addApplicationListener(listener);
						this.multicaster.removeApplicationListener(listener);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.tracker.liveCount()).isZero();
		assertThat(this.tracker.liveListeners(10)).isEmpty();
		// the per-event-type count went back to zero too: three more listeners stay within the limit of 3
		for (int i = 0; i < 3; i++) {
			this.multicaster.addApplicationListener(new OrderListener());
		}
		assertThat(this.tracker.liveListeners(10)).hasSize(3);
		long warningsBefore = this.warnings.count("listeners");
		this.multicaster.addApplicationListener(new OrderListener());
		assertThat(this.warnings.count("listeners")).isEqualTo(warningsBefore + 1);
	}

	@Test
	void liveListenersAreCappedAtTheLimitOldestFirst() {
		this.tracker.start();
		for (int i = 0; i < 3; i++) {
			this.multicaster.addApplicationListener(new OrderListener());
		}
		assertThat(this.tracker.liveListeners(2)).extracting(ListenerInfo::id).containsExactly(1L, 2L);
	}

	static class OrderPlaced extends ApplicationEvent {

		OrderPlaced(Object source) {
			super(source);
		}

	}

	static class OrderListener implements ApplicationListener<OrderPlaced> {

		@Override
		public void onApplicationEvent(OrderPlaced event) {
		}

	}

	static class PayloadListener implements ApplicationListener<PayloadApplicationEvent<String>> {

		@Override
		public void onApplicationEvent(PayloadApplicationEvent<String> event) {
		}

	}

}
