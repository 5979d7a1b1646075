package io.reprounit.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Passes a value from the pipeline's YAML configuration to this parameter: {@code steps.<step>.<key>}, falling back to
 * the top-level {@code params.<key>}, converted to the parameter's type.
 *
 * <pre>{@code
 * seed: 42
 * params:
 *   path: data/iris.csv
 * steps:
 *   train:
 *     epochs: 10
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@API(status = STABLE, since = "0.1")
public @interface Param {

    /** The configuration key. */
    String value();
}
