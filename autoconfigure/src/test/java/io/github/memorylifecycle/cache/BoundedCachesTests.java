package io.github.memorylifecycle.cache;

import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Policy;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link BoundedCaches} builds named, bounded caches that the catalog knows.
 */
class BoundedCachesTests {

	private final CacheCatalog catalog = new CacheCatalog(new DefaultListableBeanFactory(),
			new DefaultListableBeanFactory().getBeanProvider(io.github.memorylifecycle.warning.LifecycleWarnings.class));

	@Test
	void cacheHasTheDefaultBoundRecordsStatisticsAndStaysWithinItsBound() {
		BoundedCaches caches = factory(new DefaultCacheBound(1_000, null, null, new EntryWeigher()));
		Cache<Integer, String> cache = caches.create("seeds");
		for (int i = 0; i < 100_000; i++) {
			cache.put(i, "value-" + i);
		}
		cache.cleanUp();
		assertThat(cache.policy().eviction()).get().extracting(Policy.Eviction::getMaximum).isEqualTo(1_000L);
		assertThat(cache.estimatedSize()).isLessThanOrEqualTo(1_000);
		assertThat(cache.policy().isRecordingStats()).isTrue();
	}

	@Test
	void cacheWithItsOwnSizeIsBoundedByIt() {
		Cache<String, String> cache = factory(new DefaultCacheBound(1_000, null, null, new EntryWeigher()))
			.create("small", 3);
		assertThat(cache.policy().eviction()).get().extracting(Policy.Eviction::getMaximum).isEqualTo(3L);
	}

	@Test
	void weightBoundWeighsEntriesWithTheEstimatingWeigher() {
		Cache<String, byte[]> cache = factory(
				new DefaultCacheBound(1_000, DataSize.ofKilobytes(64), null, new EntryWeigher()))
			.create("blobs");
		for (int i = 0; i < 100; i++) {
			cache.put("blob-" + i, new byte[4096]);
		}
		cache.cleanUp();
		Policy.Eviction<String, byte[]> eviction = cache.policy().eviction().orElseThrow();
		assertThat(eviction.isWeighted()).isTrue();
		assertThat(eviction.weightedSize().orElseThrow()).isLessThanOrEqualTo(64 * 1024);
		assertThat(cache.estimatedSize()).isLessThan(16);
	}

	@Test
	void expiryAfterAccessApplies() {
		Cache<String, String> cache = factory(
				new DefaultCacheBound(10, null, Duration.ofMinutes(3), new EntryWeigher()))
			.create("sessions", 5);
		assertThat(cache.policy().expireAfterAccess()).get()
			.extracting(Policy.FixedExpiration::getExpiresAfter)
			.isEqualTo(Duration.ofMinutes(3));
	}

	@Test
	void cacheIsKnownToTheCatalogUnderTheFactoryName() {
		factory(new DefaultCacheBound(10, null, null, new EntryWeigher())).create("tokens");
		List<CatalogEntry> entries = this.catalog.entries();
		assertThat(entries).singleElement().satisfies((entry) -> {
			assertThat(entry.manager()).isEqualTo("boundedCaches");
			assertThat(entry.name()).isEqualTo("tokens");
			assertThat(entry.managed()).isFalse();
		});
	}

	@Test
	void aSecondCacheOfTheSameNameIsRefusedSoCachesCannotPileUp() {
		BoundedCaches caches = factory(new DefaultCacheBound(10, null, null, new EntryWeigher()));
		caches.create("tokens");
		assertThatIllegalArgumentException().isThrownBy(() -> caches.create("tokens"))
			.withMessageContaining("'tokens' already exists");
	}

	@Test
	void sizeMustBePositive() {
		BoundedCaches caches = factory(new DefaultCacheBound(10, null, null, new EntryWeigher()));
		assertThatIllegalArgumentException().isThrownBy(() -> caches.create("empty", 0))
			.withMessage("maximumSize must be positive but was 0");
	}

	private BoundedCaches factory(DefaultCacheBound bound) {
		return new BoundedCaches("boundedCaches", bound, this.catalog);
	}

}
