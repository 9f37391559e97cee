package io.github.memorylifecycle.cache;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Weigher;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.util.unit.DataSize;

/**
 * The bound and expiry a Caffeine builder receives when it has none of its own, validated once from
 * {@link BoundedCacheProperties}. Immutable and shared by the cache manager customizer and {@link BoundedCaches}.
 */
final class DefaultCacheBound {

	static final String MAXIMUM_SIZE = "memory.lifecycle.cache.maximum-size";

	static final String MAXIMUM_WEIGHT = "memory.lifecycle.cache.maximum-weight";

	static final String EXPIRE_AFTER_ACCESS = "memory.lifecycle.cache.expire-after-access";

	static final String REJECT_UNBOUNDED = "memory.lifecycle.cache.reject-unbounded";

	private static final Pattern NUMBER_WITHOUT_UNIT = Pattern.compile("\\s*[+-]?\\d+\\s*");

	private final long maximumSize;

	private final DataSize maximumWeight;

	private final Duration expireAfterAccess;

	private final Weigher<Object, Object> weigher;

	DefaultCacheBound(long maximumSize, DataSize maximumWeight, Duration expireAfterAccess,
			Weigher<Object, Object> weigher) {
		this.maximumSize = maximumSize;
		this.maximumWeight = maximumWeight;
		this.expireAfterAccess = expireAfterAccess;
		this.weigher = weigher;
	}

	/**
	 * Validates the properties and returns the bound they describe.
	 * @param properties the bound properties
	 * @param binder the binder of the environment, to see the values as written
	 * @param weigher the weigher used with a maximum weight
	 * @return the bound
	 * @throws InvalidConfigurationPropertyValueException if a value is not positive or a weight has no unit
	 * @throws MutuallyExclusiveConfigurationPropertiesException if both a size and a weight are configured
	 */
	static DefaultCacheBound of(BoundedCacheProperties properties, Binder binder, Weigher<Object, Object> weigher) {
		String writtenSize = binder.bind(MAXIMUM_SIZE, Bindable.of(String.class)).orElse(null);
		String writtenWeight = binder.bind(MAXIMUM_WEIGHT, Bindable.of(String.class)).orElse(null);
		if (writtenSize != null && writtenWeight != null) {
			throw new MutuallyExclusiveConfigurationPropertiesException(List.of(MAXIMUM_SIZE, MAXIMUM_WEIGHT),
					List.of(MAXIMUM_SIZE, MAXIMUM_WEIGHT));
		}
		if (properties.getMaximumSize() <= 0) {
			throw new InvalidConfigurationPropertyValueException(MAXIMUM_SIZE, properties.getMaximumSize(),
					"A cache needs room for at least 1 entry; set a positive number of entries, for example 10000.");
		}
		DataSize weight = properties.getMaximumWeight();
		if (weight != null) {
			if (writtenWeight != null && NUMBER_WITHOUT_UNIT.matcher(writtenWeight).matches()) {
				throw new InvalidConfigurationPropertyValueException(MAXIMUM_WEIGHT, writtenWeight,
						"A weight needs a unit, for example 64MB or 512KB; a bare number would silently mean bytes.");
			}
			if (weight.toBytes() <= 0) {
				throw new InvalidConfigurationPropertyValueException(MAXIMUM_WEIGHT, writtenWeight,
						"A cache needs a positive weight, for example 64MB.");
			}
		}
		Duration expiry = properties.getExpireAfterAccess();
		if (expiry != null && (expiry.isZero() || expiry.isNegative())) {
			throw new InvalidConfigurationPropertyValueException(EXPIRE_AFTER_ACCESS, expiry,
					"Entries need a positive time to live, for example 10m; leave the property unset for no expiry.");
		}
		return new DefaultCacheBound(properties.getMaximumSize(), weight, expiry, weigher);
	}

	/**
	 * Adds the bound (a maximum size, or a maximum weight with the weigher) to a builder that has none.
	 * @param builder a builder without a maximum size or weight
	 */
	void applyBound(Caffeine<Object, Object> builder) {
		if (this.maximumWeight != null) {
			builder.maximumWeight(this.maximumWeight.toBytes()).weigher(this.weigher);
		}
		else {
			builder.maximumSize(this.maximumSize);
		}
	}

	/**
	 * Adds the configured expiry after access, if any, to a builder that sets no expiry after access and no
	 * variable expiry.
	 * @param builder the builder
	 */
	void applyExpiry(Caffeine<Object, Object> builder) {
		if (this.expireAfterAccess != null) {
			builder.expireAfterAccess(this.expireAfterAccess);
		}
	}

	/**
	 * Returns the weigher that estimates entry bytes, for specifications with a maximum weight and no weigher.
	 * @return the weigher
	 */
	Weigher<Object, Object> weigher() {
		return this.weigher;
	}

	/**
	 * Describes the bound for messages, with the property it comes from.
	 * @return for example {@code maximumSize=10000 (memory.lifecycle.cache.maximum-size)}
	 */
	String describe() {
		return (this.maximumWeight != null) ? "maximumWeight=" + this.maximumWeight + " (" + MAXIMUM_WEIGHT + ")"
				: "maximumSize=" + this.maximumSize + " (" + MAXIMUM_SIZE + ")";
	}

}
