package io.github.memorylifecycle.events;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.memorylifecycle.scope.OwnerCleanupRegistry;
import io.github.memorylifecycle.scope.Registration;
import io.github.memorylifecycle.scope.ScopeAutoConfiguration;
import io.github.memorylifecycle.testsupport.TestScope;
import io.github.memorylifecycle.warning.LifecycleWarning;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.LifecycleWarningsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the {@link ListenerRegistry} that {@link ListenersAutoConfiguration} provides.
 */
class ListenerRegistryTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleWarningsAutoConfiguration.class,
				ScopeAutoConfiguration.class, ListenersAutoConfiguration.class));

	@Test
	void listenerReceivesEventsUntilItsRegistrationIsCancelled() {
		this.contextRunner.run((context) -> {
			ListenerRegistry registry = context.getBean(ListenerRegistry.class);
			List<String> received = new CopyOnWriteArrayList<>();
			Registration registration = registry.on(OrderPlaced.class, (event) -> received.add(event.order));
			context.publishEvent(new OrderPlaced(this, "first"));
			assertThat(registry.liveListeners()).singleElement().satisfies((info) -> {
				assertThat(info.eventType()).isEqualTo(OrderPlaced.class.getName());
				assertThat(info.listener()).isEqualTo(ListenerRegistryTests.class.getName() + " (lambda)");
				assertThat(info.site()).startsWith(ListenerRegistryTests.class.getName()
						+ ".lambda$listenerReceivesEventsUntilItsRegistrationIsCancelled$");
			});
			assertThat(registration.isPending()).isTrue();
			assertThat(registration.cancel()).isTrue();
			assertThat(registration.cancel()).isFalse();
			assertThat(registration.run()).isFalse();
			context.publishEvent(new OrderPlaced(this, "second"));
			assertThat(received).containsExactly("first");
			assertThat(registration.isPending()).isFalse();
			assertThat(registry.liveListeners()).isEmpty();
		});
	}

	@Test
	void listenerOfATypeThatIsNotAnEventReceivesPayloads() {
		this.contextRunner.run((context) -> {
			ListenerRegistry registry = context.getBean(ListenerRegistry.class);
			List<CharSequence> received = new CopyOnWriteArrayList<>();
			registry.on(CharSequence.class, received::add);
			context.publishEvent("text");
			context.publishEvent(new StringBuilder("builder"));
			context.publishEvent(42);
			context.publishEvent(new OrderPlaced(this, "order"));
			assertThat(received).map(CharSequence::toString).containsExactly("text", "builder");
			assertThat(registry.liveListeners()).singleElement()
				.satisfies((info) -> assertThat(info.eventType())
					.isEqualTo("org.springframework.context.PayloadApplicationEvent<java.lang.CharSequence>"));
		});
	}

	@Test
	void describedListenerShowsItsDescriptionInsteadOfItsClass() {
		this.contextRunner.run((context) -> {
			ListenerRegistry registry = context.getBean(ListenerRegistry.class);
			registry.describedAs("price feed of cart 12").on(OrderPlaced.class, (event) -> {
			});
			assertThat(registry.liveListeners()).extracting(ListenerInfo::listener)
				.containsExactly("price feed of cart 12");
		});
	}

	@Test
	void ownerBoundListenerIsRemovedWhenItsOwnerIsCleanedUp() {
		this.contextRunner.run((context) -> {
			ListenerRegistry registry = context.getBean(ListenerRegistry.class);
			Cart cart = new Cart();
			Registration registration = registry.onOwner(cart, OrderPlaced.class, Cart::onOrder);
			context.publishEvent(new OrderPlaced(this, "first"));
			assertThat(registry.liveListeners()).singleElement().satisfies((info) -> {
				assertThat(info.owner()).isEqualTo(Cart.class.getName() + "@"
						+ Integer.toHexString(System.identityHashCode(cart)));
				assertThat(info.scope()).isEqualTo("owner");
			});
			assertThat(context.getBean(OwnerCleanupRegistry.class).cleanup(cart)).isEqualTo(1);
			context.publishEvent(new OrderPlaced(this, "second"));
			assertThat(cart.orders).containsExactly("first");
			assertThat(registration.isPending()).isFalse();
			assertThat(registry.liveListeners()).isEmpty();
		});
	}

	@Test
	void ownerBoundListenerIsRemovedOnceItsOwnerIsGarbageCollected() {
		this.contextRunner.run((context) -> {
			ListenerRegistry registry = context.getBean(ListenerRegistry.class);
			Registration registration = registry.onOwner(new Cart(), OrderPlaced.class, Cart::onOrder);
			assertThat(registry.liveListeners()).hasSize(1);
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				System.gc();
				return !registration.isPending();
			});
			// the collected owner's cleanup is claimed (no longer pending) before it runs on the cleanup thread and
			// removes the listener: wait for the removal too
			await().atMost(Duration.ofSeconds(20)).until(() -> registry.liveListeners().isEmpty());
		});
	}

	@Test
	void ownerBoundListenerThatReferencesItsOwnerIsWarnedAboutOnce() {
		this.contextRunner.run((context) -> {
			ListenerRegistry registry = context.getBean(ListenerRegistry.class);
			for (int i = 0; i < 2; i++) {
				Cart cart = new Cart();
				registry.onOwner(cart, OrderPlaced.class, cart::onOrder);
			}
			Cart unrelated = new Cart();
			registry.onOwner(new Cart(), OrderPlaced.class, unrelated::onOrder);
			assertThat(context.getBean(LifecycleWarnings.class).recent()).singleElement().satisfies((warning) -> {
				assertThat(warning.kind()).isEqualTo("listeners");
				assertThat(warning.message()).contains("bound to its owner " + Cart.class.getName()
						+ " references that owner, so the owner can never be garbage-collected");
			});
		});
	}

	@Test
	void scopeBoundListenerIsRemovedWhenTheScopeEnds() {
		this.contextRunner.run((context) -> {
			ListenerRegistry registry = context.getBean(ListenerRegistry.class);
			TestScope scope = new TestScope();
			List<String> received = new CopyOnWriteArrayList<>();
			Registration registration = registry.onScope(scope, OrderPlaced.class,
					(event) -> received.add(event.order));
			assertThat(registry.liveListeners()).singleElement()
				.satisfies((info) -> assertThat(info.scope()).isEqualTo("test"));
			assertThat(scope.descriptions()).containsExactly(
					"listener " + ListenerRegistryTests.class.getName() + " (lambda) on " + OrderPlaced.class.getName());
			scope.end();
			context.publishEvent(new OrderPlaced(this, "after"));
			assertThat(received).isEmpty();
			assertThat(registration.isPending()).isFalse();
			assertThat(registry.liveListeners()).isEmpty();
		});
	}

	@Test
	void cancelledListenerWithdrawsItsCleanupFromTheScope() {
		this.contextRunner.run((context) -> {
			ListenerRegistry registry = context.getBean(ListenerRegistry.class);
			TestScope scope = new TestScope();
			registry.onScope(scope, OrderPlaced.class, (event) -> {
			}).cancel();
			assertThat(scope.pending()).isZero();
		});
	}

	@Test
	void listenerRemovedThroughTheMulticasterWithdrawsItsCleanupFromTheScope() {
		this.contextRunner.run((context) -> {
			ListenerRegistry registry = context.getBean(ListenerRegistry.class);
			TestScope scope = new TestScope();
			Registration registration = registry.onScope(scope, OrderPlaced.class, (event) -> {
			});
			context.getBean(ApplicationEventMulticaster.class)
				.removeApplicationListeners(RegisteredListener.class::isInstance);
			assertThat(registration.isPending()).isFalse();
			assertThat(scope.pending()).isZero();
			assertThat(registry.liveListeners()).isEmpty();
		});
	}

	@Test
	void listenerBoundToAScopeThatHasEndedIsRemovedAtOnce() {
		this.contextRunner.run((context) -> {
			ListenerRegistry registry = context.getBean(ListenerRegistry.class);
			TestScope scope = new TestScope();
			scope.end();
			Registration registration = registry.onScope(scope, OrderPlaced.class, (event) -> {
			});
			assertThat(registration.isPending()).isFalse();
			assertThat(registry.liveListeners()).isEmpty();
		});
	}

	@Test
	void bindingToARequestOutsideOfARequestFailsWithAClearMessage() {
		this.contextRunner.run((context) -> assertThatIllegalStateException()
			.isThrownBy(() -> context.getBean(ListenerRegistry.class).onRequest(OrderPlaced.class, (event) -> {
			}))
			.withMessageContaining("No RequestCleanupRegistry bean"));
	}

	@Test
	void warnsWhenRegistryListenersPileUp() {
		this.contextRunner.withPropertyValues("memory.lifecycle.listeners.max-per-event=2").run((context) -> {
			ListenerRegistry registry = context.getBean(ListenerRegistry.class);
			for (int i = 0; i < 3; i++) {
				registry.describedAs("order listener").on(OrderPlaced.class, (event) -> {
				});
			}
			assertThat(context.getBean(LifecycleWarnings.class).recent()).extracting(LifecycleWarning::message)
				.singleElement()
				.asString()
				.contains("holds 3 listeners added at run time, more than the limit of 2")
				.contains(ListenerRegistryTests.class.getName() + ".lambda$warnsWhenRegistryListenersPileUp$");
		});
	}

	static class OrderPlaced extends ApplicationEvent {

		final String order;

		OrderPlaced(Object source, String order) {
			super(source);
			this.order = order;
		}

	}

	static class Cart {

		final List<String> orders = new CopyOnWriteArrayList<>();

		void onOrder(OrderPlaced event) {
			this.orders.add(event.order);
		}

	}

}
