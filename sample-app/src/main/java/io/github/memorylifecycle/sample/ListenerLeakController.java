package io.github.memorylifecycle.sample;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.memorylifecycle.events.ListenerRegistry;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pattern 3 of the texts: an event listener added per request and never removed, each keeping what its closure
 * captured.
 */
@RestController
@RequestMapping("/leaks/listener")
class ListenerLeakController implements LeakyState {

	private final ConfigurableApplicationContext context;

	private final ListenerRegistry listeners;

	private final Queue<ApplicationListener<?>> leakedListeners = new ConcurrentLinkedQueue<>();

	ListenerLeakController(ConfigurableApplicationContext context, ListenerRegistry listeners) {
		this.context = context;
		this.listeners = listeners;
	}

	@PostMapping("/leaky")
	int leaky() {
		byte[] buffer = new byte[64 * 1024];
		ApplicationListener<PayloadApplicationEvent<PriceChanged>> listener = (event) -> buffer[0]++;
		this.context.addApplicationListener(listener); // and never removeApplicationListener(listener)
		this.leakedListeners.add(listener);
		this.context.publishEvent(new PriceChanged("ACME", 42.0));
		return this.leakedListeners.size();
	}

	@PostMapping("/fixed")
	int fixed() {
		byte[] buffer = new byte[64 * 1024];
		this.listeners.onRequest(PriceChanged.class, (event) -> buffer[0]++); // removed when the request ends
		this.context.publishEvent(new PriceChanged("ACME", 42.0));
		return 0;
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
	 * The event the listeners follow.
	 *
	 * @param symbol the ticker symbol
	 * @param price the new price
	 */
	record PriceChanged(String symbol, double price) {
	}

}
