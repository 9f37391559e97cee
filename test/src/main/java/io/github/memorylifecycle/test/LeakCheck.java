package io.github.memorylifecycle.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails a Spring test that leaves something behind: a tracked timer still scheduled, a runtime listener still
 * registered, tracked async work still pending, a cleanup that threw, or an object handed to the
 * {@code LeakWatcher} (request- and session-scoped beans at the end of their scope, among others) still reachable.
 * Only what the test created is blamed: a checkpoint taken before each test sets apart what existed already
 * (application timers, startup listeners).
 * <p>
 * On a test class (every test method) or on a method; the method's annotation wins. Works with any test that has a
 * Spring {@code ApplicationContext} with the starter: {@code @SpringBootTest}, and slices such as
 * {@code @WebMvcTest}, into which this annotation imports the starter's auto-configuration.
 * <p>
 * During the test the leak watcher watches every object (no sampling). After it, the check passes at once when
 * nothing is left; otherwise it forces full collections and looks again until {@link #maxWaitMillis()} has passed,
 * so that a request finishing on a server thread or an object awaiting collection is not mistaken for a leak, and
 * a leak fails the same way every run.
 *
 * @see LeakAssertions
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LeakCheckExtension.class)
@AutoConfigureMemoryLifecycle
public @interface LeakCheck {

	/**
	 * Kinds of leak the test leaves behind on purpose: not reported.
	 * @return the allowed kinds
	 */
	LeakKind[] allow() default {};

	/**
	 * Longest time to wait, after the test, for what it left behind to go away (work to finish, objects to be
	 * collected) before it is reported. A clean test does not wait.
	 * @return the bound, in milliseconds
	 */
	long maxWaitMillis() default 2000;

}
