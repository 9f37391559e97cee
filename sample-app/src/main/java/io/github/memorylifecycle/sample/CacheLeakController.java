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
 */
@RestController
@RequestMapping("/leaks/cache")
class CacheLeakController implements LeakyState {

	static final int FIXED_BOUND = 100;

	private final ConcurrentMapCache unbounded;

	private final Cache<Long, byte[]> bounded;

	private final AtomicLong keys = new AtomicLong();

	CacheLeakController(ConcurrentMapCache leakyPriceCache, BoundedCaches boundedCaches) {
		this.unbounded = leakyPriceCache;
		this.bounded = boundedCaches.create("sample-prices", FIXED_BOUND);
	}

	@PostMapping("/leaky")
	int leaky() {
		this.unbounded.put(this.keys.incrementAndGet(), new byte[16 * 1024]); // a new key every time, never evicted
		return this.unbounded.getNativeCache().size();
	}

	@PostMapping("/fixed")
	long fixed() {
		this.bounded.put(this.keys.incrementAndGet(), new byte[16 * 1024]); // evicted past 100 entries
		this.bounded.cleanUp();
		return this.bounded.estimatedSize();
	}

	@Override
	public int reset() {
		int entries = this.unbounded.getNativeCache().size();
		this.unbounded.clear();
		return entries;
	}

}
