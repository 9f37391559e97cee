package io.github.memorylifecycle.test;

import java.lang.reflect.AnnotatedElement;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The JUnit extension behind {@link LeakCheck}: a {@link LeakCheckpoint} before each test, the assertion after it.
 * A test that failed already is not also failed for leaks (its own failure says more); its checkpoint is closed.
 */
final class LeakCheckExtension implements BeforeEachCallback, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(LeakCheckExtension.class);

	@Override
	public void beforeEach(ExtensionContext context) {
		if (find(context).isPresent()) {
			LeakCheckpoint checkpoint = LeakAssertions.checkpoint(SpringExtension.getApplicationContext(context));
			context.getStore(NAMESPACE).put(LeakCheckpoint.class, checkpoint);
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		LeakCheckpoint checkpoint = context.getStore(NAMESPACE).remove(LeakCheckpoint.class, LeakCheckpoint.class);
		if (checkpoint == null) {
			return;
		}
		if (context.getExecutionException().isPresent()) {
			checkpoint.close();
			return;
		}
		LeakCheck check = find(context).orElseThrow();
		LeakAssertions.assertNoLeaks(checkpoint, Duration.ofMillis(check.maxWaitMillis()), check.allow());
	}

	/**
	 * Finds the annotation that applies: the test method's, else its class's or an enclosing class's (nested tests).
	 */
	private static Optional<LeakCheck> find(ExtensionContext context) {
		Optional<LeakCheck> onMethod = context.getTestMethod().flatMap((method) -> find(method));
		if (onMethod.isPresent()) {
			return onMethod;
		}
		for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getEnclosingClass()) {
			Optional<LeakCheck> onClass = find(type);
			if (onClass.isPresent()) {
				return onClass;
			}
		}
		return Optional.empty();
	}

	private static Optional<LeakCheck> find(AnnotatedElement element) {
		return AnnotationSupport.findAnnotation(element, LeakCheck.class);
	}

}
