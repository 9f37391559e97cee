package io.github.memorylifecycle.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Imports the starter's auto-configuration into a test slice ({@code @WebMvcTest}, {@code @DataJpaTest}, ...), which
 * otherwise leaves it out; {@link LeakCheck} does it already. The classes are listed in
 * {@code META-INF/spring/io.github.memorylifecycle.test.AutoConfigureMemoryLifecycle.imports}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureMemoryLifecycle {

}
