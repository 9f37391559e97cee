package io.github.memorylifecycle.scope;

import jakarta.servlet.Filter;

/**
 * Opens the starter's package-private request scope to benchmarks of other packages: the servlet request registry
 * and the filter that ends its scopes, as {@code ScopeAutoConfiguration} makes them.
 */
public final class BenchmarkRequests {

	private final ServletRequestCleanupRegistry registry = new ServletRequestCleanupRegistry();

	private final RequestScopeFilter filter = new RequestScopeFilter(this.registry);

	/**
	 * The request registry.
	 * @return the registry
	 */
	public RequestCleanupRegistry registry() {
		return this.registry;
	}

	/**
	 * The filter that ends the request scopes of {@link #registry()}.
	 * @return the filter
	 */
	public Filter filter() {
		return this.filter;
	}

}
