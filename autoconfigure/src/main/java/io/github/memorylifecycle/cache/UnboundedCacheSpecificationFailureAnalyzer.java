package io.github.memorylifecycle.cache;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link UnboundedCacheSpecificationException}: which specification has no bound, which property made
 * that fatal, and the two ways out.
 */
final class UnboundedCacheSpecificationFailureAnalyzer
		extends AbstractFailureAnalyzer<UnboundedCacheSpecificationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnboundedCacheSpecificationException cause) {
		String description = UnboundedCacheSpecifications.describe(cause.getSource(), cause.getSpecification(),
				cause.getCacheNames()) + ", so they could grow until the heap is full. Unbounded caches are rejected "
				+ "because " + DefaultCacheBound.REJECT_UNBOUNDED + " is true.";
		String action = fix(cause) + ", or set " + DefaultCacheBound.REJECT_UNBOUNDED + "=false to give such caches "
				+ "the default bound of " + DefaultCacheBound.MAXIMUM_SIZE + " (or " + DefaultCacheBound.MAXIMUM_WEIGHT
				+ ") with a warning.";
		return new FailureAnalysis(description, action, cause);
	}

	private static String fix(UnboundedCacheSpecificationException cause) {
		if (cause.getSpecification() == null) {
			return "Call maximumSize(...) or maximumWeight(...) with a weigher on " + cause.getSource();
		}
		String example = "maximumSize=10000" + (cause.getSpecification().isBlank() ? "" : "," + cause.getSpecification());
		String where = UnboundedCacheSpecifications.SPEC_PROPERTY.equals(cause.getSource())
				? UnboundedCacheSpecifications.SPEC_PROPERTY + "=" + example : cause.getSource() + " as '" + example + "'";
		return "Add maximumSize or maximumWeight to the specification, for example " + where;
	}

}
