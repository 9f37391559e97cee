package io.github.memorylifecycle.sample;

import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import io.github.memorylifecycle.cache.BoundedCaches;

import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pattern 4 of the texts: a map used as a cache that never evicts, against the texts' {@code MemoryLimitedCache}.
 * <p>
 * Both variants cache a 16 KB quote under a new key per request. The leaky one puts it in a map that keeps every
 * entry; the fixed one in a cache made by {@link BoundedCaches}, which evicts past {@link #FIXED_BOUND} entries.
 */
@RestController
@RequestMapping("/leaks/cache")
class CacheLeakController implements LeakyState {

	/** Small on purpose, so that one click of 20 requests already shows the bound at work. */
	static final int FIXED_BOUND = 10;

	private final ConcurrentMapCache unbounded;

	private final Cache<Long, byte[]> bounded;

	private final AtomicLong quoteIds = new AtomicLong();

	CacheLeakController(ConcurrentMapCache leakyQuoteCache, BoundedCaches caches) {
		this.unbounded = leakyQuoteCache;
		this.bounded = caches.create("quotes", FIXED_BOUND);
	}

	@PostMapping("/leaky")
	String leaky() {
		long id = this.quoteIds.incrementAndGet();
		this.unbounded.put(id, new byte[16 * 1024]); // a new key every time, never evicted
		return "quote " + id + " cached";
	}

	@PostMapping("/fixed")
	String fixed() {
		long id = this.quoteIds.incrementAndGet();
		this.bounded.put(id, new byte[16 * 1024]); // the oldest entries are evicted past the bound
		return "quote " + id + " cached";
	}

	@Override
	public int reset() {
		int entries = this.unbounded.getNativeCache().size();
		this.unbounded.clear();
		this.bounded.invalidateAll(); // not a leak, but the tour starts each pattern from empty caches
		return entries;
	}

}
