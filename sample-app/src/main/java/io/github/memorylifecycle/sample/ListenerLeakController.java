package io.github.memorylifecycle.sample;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.memorylifecycle.events.ListenerRegistry;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pattern 3 of the texts: an event listener added per request and never removed, keeping what it holds.
 * <p>
 * Both variants do the same: the request opens a {@link PriceDisplay} (64 KB of rendering buffer), subscribes it to
 * price changes, publishes one and answers how many displays received it. The leaky variant adds the display to the
 * context and never removes it, so every later price also reaches every old display. The fixed variant adds it
 * through {@link ListenerRegistry#onRequest}, which removes it when the request ends.
 */
@RestController
@RequestMapping("/leaks/listener")
class ListenerLeakController implements LeakyState {

	private final ConfigurableApplicationContext context;

	private final ListenerRegistry priceDisplays;

	private final Queue<ApplicationListener<?>> leakedListeners = new ConcurrentLinkedQueue<>();

	ListenerLeakController(ConfigurableApplicationContext context, ListenerRegistry listeners) {
		this.context = context;
		this.priceDisplays = listeners.describedAs("price display of one request");
	}

	@PostMapping("/leaky")
	String leaky() {
		PriceDisplay display = new PriceDisplay();
		this.context.addApplicationListener(display); // and never removeApplicationListener(display)
		this.leakedListeners.add(display); // only so that POST /leaks/reset can undo the leak
		return publish();
	}

	@PostMapping("/fixed")
	String fixed() {
		PriceDisplay display = new PriceDisplay();
		this.priceDisplays.onRequest(PriceChanged.class, display::show); // removed when the request ends
		return publish();
	}

	private String publish() {
		PriceChanged price = new PriceChanged("ACME", 42.0, new AtomicInteger());
		this.context.publishEvent(price);
		return "price shown by " + price.shownBy().get() + " display(s)";
	}

	@Override
	public int reset() {
		int removed = 0;
		for (ApplicationListener<?> listener; (listener = this.leakedListeners.poll()) != null;) {
			this.context.removeApplicationListener(listener);
			removed++;
		}
		return removed;
	}

	/**
	 * A price change, published as a payload event.
	 *
	 * @param symbol the ticker symbol
	 * @param price the new price
	 * @param shownBy how many displays showed it
	 */
	record PriceChanged(String symbol, double price, AtomicInteger shownBy) {
	}

	/**
	 * What one request opens to show prices: a listener with a large buffer. A class rather than a lambda, so that
	 * its generic event type survives erasure and the context delivers it only price changes.
	 */
	static final class PriceDisplay implements ApplicationListener<PayloadApplicationEvent<PriceChanged>> {

		private final byte[] buffer = new byte[64 * 1024];

		@Override
		public void onApplicationEvent(PayloadApplicationEvent<PriceChanged> event) {
			show(event.getPayload());
		}

		void show(PriceChanged price) {
			this.buffer[0]++;
			price.shownBy().incrementAndGet();
		}

	}

}
