package io.github.memorylifecycle.cache;

import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.util.Assert;

/**
 * Builds named, bounded Caffeine caches for code that does not use Spring's cache abstraction, so that a cache
 * filled from user input can never grow without end. Every cache records statistics, has meters (tagged
 * {@code cache.manager=boundedCaches}) and appears in the {@code caches} part of the {@code memory-lifecycle}
 * endpoint.
 * <pre>{@code
 * private final Cache<Long, Invoice> invoices;
 *
 * InvoiceService(BoundedCaches caches) {
 *     this.invoices = caches.create("invoices", 5_000);
 * }
 * }</pre>
 * Caches live as long as the application: create each one once, typically in a constructor, and keep it. Names are
 * unique, so that a cache built again and again (per request, per call) fails at once instead of piling up.
 */
public final class BoundedCaches {

	private final String beanName;

	private final DefaultCacheBound bound;

	private final CacheCatalog catalog;

	BoundedCaches(String beanName, DefaultCacheBound bound, CacheCatalog catalog) {
		this.beanName = beanName;
		this.bound = bound;
		this.catalog = catalog;
	}

	/**
	 * Builds a cache with the default bound ({@code memory.lifecycle.cache.maximum-size} entries, or
	 * {@code maximum-weight} estimated bytes) and the default expiry after access, if any.
	 * @param <K> the type of keys
	 * @param <V> the type of values
	 * @param name the cache name, unique among the caches of this factory
	 * @return the cache
	 * @throws IllegalArgumentException if a cache of that name was already built
	 */
	public <K, V> Cache<K, V> create(String name) {
		return build(name, this.bound::applyBound);
	}

	/**
	 * Builds a cache that holds at most {@code maximumSize} entries, with the default expiry after access, if any.
	 * @param <K> the type of keys
	 * @param <V> the type of values
	 * @param name the cache name, unique among the caches of this factory
	 * @param maximumSize the maximum number of entries, at least 1
	 * @return the cache
	 * @throws IllegalArgumentException if the size is not positive or a cache of that name was already built
	 */
	public <K, V> Cache<K, V> create(String name, long maximumSize) {
		Assert.isTrue(maximumSize > 0, () -> "maximumSize must be positive but was " + maximumSize);
		return build(name, (builder) -> builder.maximumSize(maximumSize));
	}

	@SuppressWarnings("unchecked")
	private <K, V> Cache<K, V> build(String name, Consumer<Caffeine<Object, Object>> bounding) {
		Assert.hasText(name, "name must not be empty");
		Caffeine<Object, Object> builder = Caffeine.newBuilder();
		bounding.accept(builder);
		this.bound.applyExpiry(builder);
		Cache<Object, Object> cache = builder.recordStats().build();
		this.catalog.register(this.beanName, name, cache);
		return (Cache<K, V>) cache;
	}

}
