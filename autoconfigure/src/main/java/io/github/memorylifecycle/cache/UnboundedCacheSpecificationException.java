package io.github.memorylifecycle.cache;

import java.util.List;

/**
 * Thrown at startup when {@code memory.lifecycle.cache.reject-unbounded} is true and the auto-configured
 * {@code CaffeineCacheManager} is given a cache specification without a maximum size or weight.
 */
final class UnboundedCacheSpecificationException extends IllegalStateException {

	private final String source;

	private final String specification;

	private final List<String> cacheNames;

	/**
	 * Creates an exception.
	 * @param source where the specification comes from, for example {@code spring.cache.caffeine.spec}
	 * @param specification the specification as written, or {@code null} for a {@code Caffeine} bean
	 * @param cacheNames the caches created at startup, empty when caches are created on demand
	 */
	UnboundedCacheSpecificationException(String source, String specification, List<String> cacheNames) {
		super(UnboundedCacheSpecifications.describe(source, specification, cacheNames) + " and "
				+ DefaultCacheBound.REJECT_UNBOUNDED + " is true");
		this.source = source;
		this.specification = specification;
		this.cacheNames = List.copyOf(cacheNames);
	}

	String getSource() {
		return this.source;
	}

	String getSpecification() {
		return this.specification;
	}

	List<String> getCacheNames() {
		return this.cacheNames;
	}

}
