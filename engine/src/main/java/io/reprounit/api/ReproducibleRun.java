package io.reprounit.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.platform.commons.annotation.Testable;

/**
 * Makes a class a <em>pipeline</em>: its {@link Step @Step} methods are the steps, and ReproUnit runs the pipeline
 * {@link #runs()} times and checks that every step gives the same output each time.
 *
 * <pre>{@code
 * @ReproducibleRun
 * class IrisPipeline {
 *     @Step List<Flower> load(@Param("path") Path csv) { ... }
 *     @Step Split split(@Input("load") List<Flower> flowers, Random random) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Testable
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@API(status = STABLE, since = "0.1")
public @interface ReproducibleRun {

    /**
     * How many runs are compared; at least 2. Left at its default, 0, the number comes from configuration parameter
     * {@code reprounit.runs} (else 2), so a team can raise it for every pipeline at once; a number written here is kept
     * as written, 2 included.
     */
    int runs() default 0;

    /** The pipeline's name; by default the class's simple name. */
    String name() default "";

    /**
     * A classpath resource with the pipeline's YAML configuration, for example {@code "pipelines/iris.yaml"}. When empty,
     * {@code <SimpleName>.yaml} in the class's package is used where it exists.
     */
    String config() default "";

    /**
     * How the pipeline is checked against its baseline, {@code <name>.yaml} in {@code src/test/resources/reprounit/baselines}.
     * By default, as configuration parameter {@code reprounit.baseline.mode} says.
     */
    BaselineMode baseline() default BaselineMode.CONFIGURED;

    /**
     * Where the runs execute: in the test JVM, or each in a fresh JVM. By default, as configuration parameter
     * {@code reprounit.isolation} says.
     */
    Isolation isolation() default Isolation.CONFIGURED;

    /**
     * What later runs vary against the first, the control; needs {@link Isolation#FORKED}. When empty (the default),
     * as configuration parameter {@code reprounit.vary} says.
     */
    Variation[] vary() default {};
}
