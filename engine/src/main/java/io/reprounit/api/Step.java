package io.reprounit.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.platform.commons.annotation.Testable;

/**
 * Makes a method of a {@link ReproducibleRun} class a <em>step</em>. The method returns the step's output; its parameters
 * are the outputs of earlier steps ({@link Input @Input}), configuration values ({@link Param @Param}) and, where it
 * declares one, a {@link java.util.Random} seeded from the pipeline's seed and the step's name.
 *
 * <p>Static and instance methods are both fine: every run gets a fresh instance of the class.
 */
@Documented
@Testable
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@API(status = STABLE, since = "0.1")
public @interface Step {

    /** The step's name; by default the method's name. */
    String value() default "";
}
