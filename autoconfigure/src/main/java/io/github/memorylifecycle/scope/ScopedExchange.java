package io.github.memorylifecycle.scope;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The handling of one exchange, as the server subscribes to it: puts the exchange's scope in the Reactor context and,
 * for the duration of the subscribe call (in which WebFlux runs its filters), in a thread-local for
 * {@link ExchangeScopeFilter}; ends it on completion, error or cancel. One operator instead of {@code contextWrite}
 * plus {@code doFinally}: fewer objects per exchange.
 */
final class ScopedExchange extends Mono<Void> {

	static final ThreadLocal<@Nullable ExchangeScope> SUBSCRIBING = new ThreadLocal<>();

	static final Class<ExchangeScope> CONTEXT_KEY = ExchangeScope.class;

	private final Mono<Void> handling;

	private final ExchangeScope scope;

	private final boolean forFilter;

	/**
	 * Creates the handling of one exchange.
	 * @param handling what the wrapped HTTP handler returned
	 * @param scope the exchange's scope
	 * @param forFilter whether {@link ExchangeScopeFilter} needs the scope in the thread-local while subscribing
	 */
	ScopedExchange(Mono<Void> handling, ExchangeScope scope, boolean forFilter) {
		this.handling = handling;
		this.scope = scope;
		this.forFilter = forFilter;
	}

	@Override
	public void subscribe(CoreSubscriber<? super Void> actual) {
		ExchangeScope scope = this.scope;
		if (!this.forFilter) {
			this.handling.subscribe(new Ending(actual, scope));
			return;
		}
		ExchangeScope outer = SUBSCRIBING.get();
		SUBSCRIBING.set(scope);
		try {
			this.handling.subscribe(new Ending(actual, scope));
		}
		finally {
			SUBSCRIBING.set(outer);
		}
	}

	/**
	 * Passes every signal on, and ends the scope at the first terminal signal or cancel.
	 */
	private static final class Ending implements CoreSubscriber<Void>, Subscription {

		private final CoreSubscriber<? super Void> actual;

		private final ExchangeScope scope;

		private final Context context;

		private @Nullable Subscription upstream;

		Ending(CoreSubscriber<? super Void> actual, ExchangeScope scope) {
			this.actual = actual;
			this.scope = scope;
			this.context = actual.currentContext().put(CONTEXT_KEY, scope);
		}

		@Override
		public Context currentContext() {
			return this.context;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.upstream = subscription;
			this.actual.onSubscribe(this);
		}

		@Override
		public void onNext(Void value) {
			this.actual.onNext(value);
		}

		@Override
		public void onError(Throwable error) {
			try {
				this.actual.onError(error);
			}
			finally {
				this.scope.end();
			}
		}

		@Override
		public void onComplete() {
			try {
				this.actual.onComplete();
			}
			finally {
				this.scope.end();
			}
		}

		@Override
		public void request(long n) {
			Subscription subscription = this.upstream;
			if (subscription != null) {
				subscription.request(n);
			}
		}

		@Override
		public void cancel() {
			Subscription subscription = this.upstream;
			try {
				if (subscription != null) {
					subscription.cancel();
				}
			}
			finally {
				this.scope.end();
			}
		}

	}

}
