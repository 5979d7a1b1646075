package io.reprounit.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Passes the output of the named step to this parameter. These annotations make the pipeline's graph: the order of
 * methods in the source does not matter.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@API(status = STABLE, since = "0.1")
public @interface Input {

    /** The name of the step whose output this parameter receives. */
    String value();
}
