package io.github.memorylifecycle.cache;

import java.util.ArrayList;
import java.util.List;

import io.github.memorylifecycle.endpoint.MemoryLifecycleContributor;

/**
 * The {@code caches} part of the endpoint: every cache of every cache manager and of {@link BoundedCaches}, with
 * its size, bound, hit rate and evictions. Reading it also discovers caches created since the last scan.
 */
final class CachesContributor implements MemoryLifecycleContributor {

	private final CacheCatalog catalog;

	CachesContributor(CacheCatalog catalog) {
		this.catalog = catalog;
	}

	@Override
	public String part() {
		return "caches";
	}

	@Override
	public int getOrder() {
		return 500;
	}

	@Override
	public CachesDescriptor describe(int limit) {
		List<CatalogEntry> entries = this.catalog.entries();
		List<CacheDescriptor> items = new ArrayList<>(Math.min(limit, entries.size()));
		for (CatalogEntry entry : entries) {
			if (items.size() >= limit) {
				break;
			}
			items.add(CacheInspection.describe(entry));
		}
		return new CachesDescriptor(entries.size(), items);
	}

	/**
	 * The caches part.
	 *
	 * @param total how many caches there are
	 * @param items the first caches, ordered by manager and name, at most the limit
	 */
	record CachesDescriptor(int total, List<CacheDescriptor> items) {
	}

}
