package io.github.memorylifecycle.cache;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.CaffeineSpec;
import com.github.benmanes.caffeine.cache.Policy;
import io.github.memorylifecycle.warning.LifecycleWarnings;
import io.github.memorylifecycle.warning.WarningKind;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.cache.autoconfigure.CacheProperties;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.core.Ordered;
import org.springframework.util.StringUtils;

/**
 * Gives the auto-configured {@link CaffeineCacheManager} a builder with a bound, so that every cache it creates, at
 * startup and on demand, is bounded and records statistics.
 * <p>
 * {@code CaffeineCacheManager} does not expose its builder, so this customizer reads the same inputs Spring Boot
 * used, in Boot's documented order: {@code spring.cache.caffeine.spec}, then a {@link CaffeineSpec} bean, then a
 * {@link Caffeine} bean, else Caffeine's defaults. A specification that sets {@code maximumSize} or
 * {@code maximumWeight} keeps its bound (a {@code maximumWeight} without weigher gets the estimating weigher, which
 * Caffeine would otherwise require); one without gets the {@link DefaultCacheBound} and a warning, or fails startup
 * when unbounded specifications are rejected. A specification is rebuilt into a fresh builder; a {@code Caffeine}
 * bean cannot be copied, so it is completed in place. Missing expiry after access and statistics are added the same
 * way, statistics through {@link FirstUseStatsCounter} so that caches created on the fly are discovered.
 * <p>
 * It runs first among customizers: a customizer of the application that sets its own builder has the last word,
 * and the caches it creates are still inspected and reported when unbounded.
 */
final class BoundingCacheManagerCustomizer implements CacheManagerCustomizer<CaffeineCacheManager>, Ordered {

	private final ObjectProvider<CacheProperties> cacheProperties;

	private final ObjectProvider<CaffeineSpec> caffeineSpec;

	private final ObjectProvider<Caffeine<Object, Object>> caffeine;

	private final DefaultCacheBound bound;

	private final boolean rejectUnbounded;

	private final ObjectProvider<LifecycleWarnings> warnings;

	private final Runnable onFirstUse;

	BoundingCacheManagerCustomizer(ObjectProvider<CacheProperties> cacheProperties,
			ObjectProvider<CaffeineSpec> caffeineSpec, ObjectProvider<Caffeine<Object, Object>> caffeine,
			DefaultCacheBound bound, boolean rejectUnbounded, ObjectProvider<LifecycleWarnings> warnings,
			Runnable onFirstUse) {
		this.cacheProperties = cacheProperties;
		this.caffeineSpec = caffeineSpec;
		this.caffeine = caffeine;
		this.bound = bound;
		this.rejectUnbounded = rejectUnbounded;
		this.warnings = warnings;
		this.onFirstUse = onFirstUse;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void customize(CaffeineCacheManager cacheManager) {
		CacheProperties properties = this.cacheProperties.getIfAvailable(CacheProperties::new);
		List<String> cacheNames = properties.getCacheNames();
		String specification = properties.getCaffeine().getSpec();
		CaffeineSpec spec = this.caffeineSpec.getIfAvailable();
		Caffeine<Object, Object> builder = this.caffeine.getIfAvailable();
		if (StringUtils.hasText(specification)) {
			cacheManager.setCaffeine(
					fromSpecification(UnboundedCacheSpecifications.SPEC_PROPERTY, specification, cacheNames));
		}
		else if (spec != null) {
			cacheManager.setCaffeine(fromSpecification(UnboundedCacheSpecifications.CAFFEINE_SPEC_BEAN,
					spec.toParsableString(), cacheNames));
		}
		else if (builder != null) {
			complete(builder, cacheNames);
			if (!cacheNames.isEmpty()) {
				// Same builder instance: the manager would not rebuild its caches on setCaffeine.
				cacheManager.setCacheNames(cacheNames);
			}
		}
		else {
			cacheManager.setCaffeine(fromSpecification(null, "", cacheNames));
		}
	}

	private Caffeine<Object, Object> fromSpecification(String source, String specification, List<String> cacheNames) {
		Map<String, String> options = options(specification);
		boolean bounded = options.containsKey("maximumSize") || options.containsKey("maximumWeight");
		if (!bounded && source != null) {
			unbounded(source, specification, cacheNames);
		}
		options.remove("recordStats");
		Caffeine<Object, Object> builder = options.isEmpty() ? Caffeine.newBuilder()
				: Caffeine.from(String.join(",", options.values()));
		if (options.containsKey("maximumWeight")) {
			builder.weigher(this.bound.weigher());
		}
		if (!bounded) {
			this.bound.applyBound(builder);
		}
		if (!options.containsKey("expireAfterAccess")) {
			this.bound.applyExpiry(builder);
		}
		return builder.recordStats(this::statsCounter);
	}

	private void complete(Caffeine<Object, Object> builder, List<String> cacheNames) {
		Policy<Object, Object> policy = builder.build((key) -> null).policy();
		if (policy.eviction().isEmpty()) {
			unbounded(UnboundedCacheSpecifications.CAFFEINE_BEAN, null, cacheNames);
			this.bound.applyBound(builder);
		}
		if (policy.expireAfterAccess().isEmpty() && policy.expireVariably().isEmpty()) {
			this.bound.applyExpiry(builder);
		}
		if (!policy.isRecordingStats()) {
			builder.recordStats(this::statsCounter);
		}
	}

	private void unbounded(String source, String specification, List<String> cacheNames) {
		if (this.rejectUnbounded) {
			throw new UnboundedCacheSpecificationException(source, specification, cacheNames);
		}
		String message = UnboundedCacheSpecifications.describe(source, specification, cacheNames) + "; they get "
				+ this.bound.describe();
		this.warnings.getObject().warn(WarningKind.CACHES, message);
	}

	private FirstUseStatsCounter statsCounter() {
		return new FirstUseStatsCounter(this.onFirstUse);
	}

	/**
	 * Splits a Caffeine specification into its options, keyed by option name, each kept as written.
	 */
	private static Map<String, String> options(String specification) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String option : specification.split(",")) {
			String trimmed = option.trim();
			if (!trimmed.isEmpty()) {
				int equals = trimmed.indexOf('=');
				options.put(((equals >= 0) ? trimmed.substring(0, equals) : trimmed).trim(), trimmed);
			}
		}
		return options;
	}

}
