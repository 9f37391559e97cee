package io.github.memorylifecycle.cache;

import java.util.List;

/**
 * Words shared by the warning, the exception and the failure analysis about a cache specification without bound.
 */
final class UnboundedCacheSpecifications {

	static final String SPEC_PROPERTY = "spring.cache.caffeine.spec";

	static final String CAFFEINE_SPEC_BEAN = "the CaffeineSpec bean";

	static final String CAFFEINE_BEAN = "the Caffeine bean";

	private UnboundedCacheSpecifications() {
	}

	/**
	 * Describes an unbounded specification and the caches it applies to.
	 * @param source where the specification comes from
	 * @param specification the specification as written, or {@code null} for a builder
	 * @param cacheNames the caches created at startup, empty when caches are created on demand
	 * @return for example {@code spring.cache.caffeine.spec 'expireAfterWrite=10m' sets neither maximumSize nor
	 * maximumWeight for the caches [books] of the auto-configured CaffeineCacheManager}
	 */
	static String describe(String source, String specification, List<String> cacheNames) {
		String what = (specification != null) ? source + " '" + specification + "'" : source;
		String caches = cacheNames.isEmpty() ? "the caches the auto-configured CaffeineCacheManager creates on demand"
				: "the caches " + cacheNames + " of the auto-configured CaffeineCacheManager";
		return what + " sets neither maximumSize nor maximumWeight for " + caches;
	}

}
