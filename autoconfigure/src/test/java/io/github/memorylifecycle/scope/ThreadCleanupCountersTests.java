package io.github.memorylifecycle.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request scope's statistics while dispatching threads count in counters of their own: every count reaches the
 * shared statistics when read, from any thread, including the counts of threads that died, of cleanups cancelled
 * from another thread and of two applications' registries used by one thread.
 */
class ThreadCleanupCountersTests {

	private final ServletRequestCleanupRegistry registry = new ServletRequestCleanupRegistry();

	private final RequestScopeFilter filter = new RequestScopeFilter(this.registry);

	private final ExecutorService other = Executors.newSingleThreadExecutor();

	@AfterEach
	void stop() {
		this.other.shutdownNow();
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void anOpenRequestCountedByItsDispatchingThreadIsSeenFromAnotherThread() throws Exception {
		AtomicReference<long[]> seen = new AtomicReference<>();
		dispatch(this.filter, () -> {
			this.registry.register("first", () -> {
			});
			seen.set(run(this.other.submit(() -> new long[] { this.registry.statistics().activeScopes(),
					this.registry.statistics().pendingCleanups() })));
		});
		assertThat(seen.get()).containsExactly(1, 1);
		assertThat(this.registry.statistics().cleanupsSucceeded()).isEqualTo(1);
		assertNothingPending(this.registry);
		assertThat(this.registry.statistics().threadCounters()).isEqualTo(1);
	}

	@Test
	void theCountsOfAThreadThatDiedAreKeptAndItsCountersAreDropped() throws Exception {
		Thread worker = new Thread(() -> {
			for (int i = 0; i < 3; i++) {
				dispatch(this.filter, () -> {
					this.registry.register("ran", () -> {
					});
					this.registry.register("failed", () -> {
						throw new IllegalStateException("cleanup failed");
					});
				});
			}
		});
		worker.start();
		worker.join(TimeUnit.SECONDS.toMillis(10));
		assertThat(worker.isAlive()).isFalse();
		assertThat(this.registry.statistics().threadCounters()).isZero();
		assertThat(this.registry.statistics().cleanupsSucceeded()).isEqualTo(3);
		assertThat(this.registry.statistics().cleanupsFailed()).isEqualTo(3);
		assertNothingPending(this.registry);
	}

	@Test
	void aCleanupCancelledFromAnotherThreadLeavesTheCountsExact() throws Exception {
		AtomicReference<long[]> afterCancel = new AtomicReference<>();
		dispatch(this.filter, () -> {
			Registration cancelled = this.registry.register("cancelled", () -> {
			});
			this.registry.register("kept", () -> {
			});
			run(this.other.submit(cancelled::cancel));
			afterCancel.set(new long[] { this.registry.statistics().activeScopes(),
					this.registry.statistics().pendingCleanups() });
		});
		assertThat(afterCancel.get()).containsExactly(1, 1);
		assertThat(this.registry.statistics().cleanupsSucceeded()).isEqualTo(1);
		assertNothingPending(this.registry);
	}

	@Test
	void twoApplicationsDispatchingOnOneThreadEachKeepTheirOwnCounts() throws Exception {
		ServletRequestCleanupRegistry second = new ServletRequestCleanupRegistry();
		RequestScopeFilter secondFilter = new RequestScopeFilter(second);
		for (int i = 0; i < 5; i++) {
			dispatch(this.filter, () -> this.registry.register("first", () -> {
			}));
			dispatch(secondFilter, () -> {
				second.register("second", () -> {
				});
				second.register("second again", () -> {
				});
			});
		}
		assertThat(this.registry.statistics().cleanupsSucceeded()).isEqualTo(5);
		assertThat(second.statistics().cleanupsSucceeded()).isEqualTo(10);
		assertThat(this.registry.statistics().threadCounters()).isEqualTo(1);
		assertThat(second.statistics().threadCounters()).isEqualTo(1);
		assertNothingPending(this.registry);
		assertNothingPending(second);
	}

	@Test
	void readersRacingDispatchingThreadsThatComeAndGoLoseNoCount() throws Exception {
		int threads = 4;
		int requests = 20_000;
		AtomicBoolean reading = new AtomicBoolean(true);
		AtomicLong negativeReads = new AtomicLong();
		Future<?> reader = this.other.submit(() -> {
			while (reading.get()) {
				if (this.registry.statistics().activeScopes() < 0 || this.registry.statistics().pendingCleanups() < 0) {
					negativeReads.incrementAndGet();
				}
				this.registry.statistics().cleanupsSucceeded();
			}
		});
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Thread worker = new Thread(() -> {
				await(start);
				for (int i = 0; i < requests; i++) {
					dispatch(this.filter, () -> {
						for (int c = 0; c < 1 + (Thread.currentThread().hashCode() & 3); c++) {
							this.registry.register("cleanup", () -> {
							});
						}
					});
				}
			});
			workers.add(worker);
			worker.start();
		}
		start.countDown();
		long expected = 0;
		for (Thread worker : workers) {
			worker.join(TimeUnit.SECONDS.toMillis(60));
			assertThat(worker.isAlive()).isFalse();
			expected += (long) requests * (1 + (worker.hashCode() & 3));
		}
		reading.set(false);
		run(reader);
		assertThat(negativeReads.get()).isZero();
		assertThat(this.registry.statistics().cleanupsSucceeded()).isEqualTo(expected);
		assertThat(this.registry.statistics().threadCounters()).isZero();
		assertNothingPending(this.registry);
	}

	private static void dispatch(RequestScopeFilter filter, Runnable handler) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		FilterChain chain = (req, res) -> {
			RequestContextHolder.setRequestAttributes(new ServletRequestAttributes((HttpServletRequest) req));
			try {
				handler.run();
			}
			finally {
				RequestContextHolder.resetRequestAttributes();
			}
		};
		try {
			filter.doFilter(request, new MockHttpServletResponse(), chain);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void assertNothingPending(ServletRequestCleanupRegistry registry) {
		assertThat(registry.statistics().pendingCleanups()).isZero();
		assertThat(registry.statistics().activeScopes()).isZero();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static <T> T run(Future<T> future) {
		try {
			return future.get(60, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
