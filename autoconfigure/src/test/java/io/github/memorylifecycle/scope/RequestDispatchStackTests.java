package io.github.memorylifecycle.scope;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The request registry's fast path: cleanups registered on the thread that dispatches the request stay in a stack
 * that thread keeps, and reach the request attribute only when another thread, the async end or
 * {@code current()} needs them. Each case checks where the cleanups were kept and that every cleanup ran exactly
 * once, in last-in, first-out order where an order exists.
 */
class RequestDispatchStackTests {

	private final ServletRequestCleanupRegistry registry = new ServletRequestCleanupRegistry();

	private final RequestScopeFilter filter = new RequestScopeFilter(this.registry);

	private final List<String> ran = new CopyOnWriteArrayList<>();

	private final ExecutorService other = Executors.newSingleThreadExecutor();

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@AfterEach
	void stop() {
		this.other.shutdownNow();
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void cleanupsOfTheDispatchingThreadStayOffTheRequestAttributesAndRunAtTheEnd() throws Exception {
		AtomicReference<Object> attributeDuringDispatch = new AtomicReference<>("unset");
		AtomicReference<Integer> pendingDuringDispatch = new AtomicReference<>();
		this.filter.doFilter(this.request, this.response, handler((request) -> {
			register("first");
			register("second");
			attributeDuringDispatch.set(request.getAttribute(ServletRequestCleanupRegistry.ATTRIBUTE));
			pendingDuringDispatch.set(this.registry.pending());
		}));
		assertThat(attributeDuringDispatch.get()).isNull();
		assertThat(pendingDuringDispatch.get()).isEqualTo(2);
		assertThat(this.ran).containsExactly("second", "first");
		assertNothingPending();
	}

	@Test
	void aRequestWrappedByALaterFilterStillUsesTheDispatchingThreadsStack() throws Exception {
		AtomicReference<Object> attributeDuringDispatch = new AtomicReference<>("unset");
		FilterChain wrapping = (request, response) -> {
			HttpServletRequestWrapper wrapped = new HttpServletRequestWrapper((HttpServletRequest) request);
			handler((ignored) -> {
				register("through the wrapper");
				attributeDuringDispatch.set(wrapped.getAttribute(ServletRequestCleanupRegistry.ATTRIBUTE));
			}).doFilter(new HttpServletRequestWrapper(wrapped), response);
		};
		this.filter.doFilter(this.request, this.response, wrapping);
		assertThat(attributeDuringDispatch.get()).isNull();
		assertThat(this.ran).containsExactly("through the wrapper");
		assertNothingPending();
	}

	@Test
	void aRequestThatIsNotAWrapperOfTheFilteredOneFallsBackToTheRequestAttribute() throws Exception {
		MockHttpServletRequest replacement = new MockHttpServletRequest("GET", "/replaced");
		this.filter.doFilter(this.request, this.response, (request, response) -> {
			bind(replacement);
			register("on another request");
			RequestContextHolder.resetRequestAttributes();
		});
		assertThat(replacement.getAttribute(ServletRequestCleanupRegistry.ATTRIBUTE)).isNotNull();
		assertThat(this.ran).isEmpty(); // that request has not ended
		this.registry.end(replacement);
		assertThat(this.ran).containsExactly("on another request");
	}

	@Test
	void cleanupsRegisteredFromAnotherThreadRunFirstThenTheDispatchingThreads() throws Exception {
		AtomicReference<Integer> pendingDuringDispatch = new AtomicReference<>();
		this.filter.doFilter(this.request, this.response, handler((request) -> {
			register("request thread, before");
			onOtherThread(request, () -> register("other thread"));
			register("request thread, after");
			pendingDuringDispatch.set(this.registry.pending());
		}));
		assertThat(pendingDuringDispatch.get()).isEqualTo(3);
		assertThat(this.ran).containsExactly("other thread", "request thread, after", "request thread, before");
		assertNothingPending();
	}

	@Test
	void theRegistryHandedOutByCurrentIsTheOneTheDispatchingThreadKeepsUsing() throws Exception {
		AtomicReference<Object> attributeDuringDispatch = new AtomicReference<>();
		this.filter.doFilter(this.request, this.response, handler((request) -> {
			register("first");
			CleanupRegistry current = this.registry.current();
			attributeDuringDispatch.set(request.getAttribute(ServletRequestCleanupRegistry.ATTRIBUTE));
			run(this.other.submit(() -> current.register("through current()", () -> this.ran.add("through current()"))));
			register("last");
		}));
		assertThat(attributeDuringDispatch.get()).isNotNull();
		assertThat(this.ran).containsExactly("last", "through current()", "first");
		assertNothingPending();
	}

	@Test
	void anAsyncRequestHandsTheDispatchingThreadsCleanupsToTheAsyncEnd() throws Exception {
		this.request.setAsyncSupported(true);
		AtomicReference<HttpServletRequest> asyncRequest = new AtomicReference<>();
		this.filter.doFilter(this.request, this.response, handler((request) -> {
			register("first dispatch");
			request.startAsync();
			asyncRequest.set(request);
		}));
		assertThat(this.ran).isEmpty();
		assertThat(this.request.getAttribute(ServletRequestCleanupRegistry.ATTRIBUTE)).isNotNull();
		AtomicReference<Integer> pending = new AtomicReference<>();
		onOtherThread(asyncRequest.get(), () -> {
			register("async part");
			pending.set(this.registry.pending());
		});
		assertThat(pending.get()).isEqualTo(2);
		complete();
		assertThat(this.ran).containsExactly("async part", "first dispatch");
		assertNothingPending();
	}

	@Test
	void anAsyncRequestWhoseOtherThreadRegisteredFirstRunsTheDispatchingThreadsCleanupsLast() throws Exception {
		this.request.setAsyncSupported(true);
		this.filter.doFilter(this.request, this.response, handler((request) -> {
			register("first dispatch");
			request.startAsync();
			onOtherThread(request, () -> register("async part, during the dispatch"));
		}));
		AtomicReference<Integer> pendingAfterDispatch = new AtomicReference<>();
		onOtherThread(this.request, () -> pendingAfterDispatch.set(this.registry.pending()));
		assertThat(pendingAfterDispatch.get()).isEqualTo(2);
		assertThat(this.ran).isEmpty();
		assertThat(this.registry.statistics().pendingCleanups()).isEqualTo(2);
		assertThat(this.registry.statistics().activeScopes()).isEqualTo(2); // the first dispatch's and the shared one
		complete();
		assertThat(this.ran).containsExactly("async part, during the dispatch", "first dispatch");
		assertThat(this.registry.statistics().cleanupsSucceeded()).isEqualTo(2);
		assertNothingPending();
	}

	@Test
	void aNestedDispatchOnTheSameThreadLeavesTheThreadsStackToTheOuterOne() throws Exception {
		AtomicReference<List<String>> ranAfterInner = new AtomicReference<>();
		this.filter.doFilter(this.request, this.response, handler((request) -> {
			register("outer");
			this.filter.doFilter(request, this.response, (inner, response) -> register("inner"));
			ranAfterInner.set(List.copyOf(this.ran));
		}));
		assertThat(ranAfterInner.get()).isEmpty();
		assertThat(this.ran).containsExactly("inner", "outer");
		assertNothingPending();
	}

	@Test
	void aFailingHandlerStillRunsTheCleanupsAndLeavesTheThreadClean() throws Exception {
		try {
			this.filter.doFilter(this.request, this.response, handler((request) -> {
				register("before the failure");
				throw new IllegalStateException("handler failed");
			}));
		}
		catch (IllegalStateException expected) {
			assertThat(expected).hasMessage("handler failed");
		}
		assertThat(this.ran).containsExactly("before the failure");
		MockHttpServletRequest next = new MockHttpServletRequest("GET", "/next");
		this.filter.doFilter(next, this.response, handler((request) -> register("next request")));
		assertThat(this.ran).containsExactly("before the failure", "next request");
		bind(this.request); // the thread no longer dispatches the first request
		register("after its end");
		assertThat(this.request.getAttribute(ServletRequestCleanupRegistry.ATTRIBUTE)).isNotNull();
	}

	@Test
	void aRegistrationKeptPastTheEndCannotRunOrCancelAnythingAgain() throws Exception {
		AtomicReference<Registration> kept = new AtomicReference<>();
		this.filter.doFilter(this.request, this.response, handler((request) -> kept.set(register("kept"))));
		assertThat(this.ran).containsExactly("kept");
		assertThat(kept.get().run()).isFalse();
		assertThat(kept.get().cancel()).isFalse();
		assertThat(this.ran).containsExactly("kept");
	}

	@Test
	void aCleanupCancelledFromAnotherThreadDoesNotRun() throws Exception {
		this.filter.doFilter(this.request, this.response, handler((request) -> {
			Registration registration = register("cancelled elsewhere");
			register("kept");
			assertThat(run(this.other.submit(registration::cancel))).isTrue();
		}));
		assertThat(this.ran).containsExactly("kept");
		assertNothingPending();
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void onAVirtualThreadTheCleanupsLiveInTheRequestAttribute() throws Exception {
		AtomicReference<Object> attributeDuringDispatch = new AtomicReference<>();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread virtual = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null,
				(Runnable) () -> {
					try {
						this.filter.doFilter(this.request, this.response, handler((request) -> {
							register("on a virtual thread");
							attributeDuringDispatch.set(request.getAttribute(ServletRequestCleanupRegistry.ATTRIBUTE));
						}));
					}
					catch (Throwable ex) {
						failure.set(ex);
					}
				});
		virtual.join(TimeUnit.SECONDS.toMillis(10));
		assertThat(failure.get()).isNull();
		assertThat(attributeDuringDispatch.get()).isNotNull();
		assertThat(this.ran).containsExactly("on a virtual thread");
		assertNothingPending();
	}

	@Test
	void registeringOutsideARequestStillFailsWithAClearMessage() {
		assertThatIllegalStateException().isThrownBy(() -> register("nowhere"))
			.withMessageContaining("No HTTP request is bound to thread");
	}

	private Registration register(String name) {
		return this.registry.register(name, () -> this.ran.add(name));
	}

	private void complete() {
		((MockAsyncContext) this.request.getAsyncContext()).complete();
	}

	private void assertNothingPending() {
		assertThat(this.registry.statistics().pendingCleanups()).isZero();
		assertThat(this.registry.statistics().activeScopes()).isZero();
	}

	private void onOtherThread(ServletRequest request, Runnable action) {
		run(this.other.submit(() -> {
			bind((HttpServletRequest) request);
			try {
				action.run();
			}
			finally {
				RequestContextHolder.resetRequestAttributes();
			}
		}));
	}

	private static <T> T run(Future<T> future) {
		try {
			return future.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void bind(HttpServletRequest request) {
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
	}

	/**
	 * What {@code FrameworkServlet} does around a handler: binds the request to the thread.
	 */
	private static FilterChain handler(Handler handler) {
		return (request, response) -> {
			bind((HttpServletRequest) request);
			try {
				handler.handle((HttpServletRequest) request);
			}
			catch (RuntimeException | IOException | ServletException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new ServletException(ex);
			}
			finally {
				RequestContextHolder.resetRequestAttributes();
			}
		};
	}

	@FunctionalInterface
	private interface Handler {

		void handle(HttpServletRequest request) throws Exception;

	}

}
