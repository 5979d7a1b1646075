package io.reprounit.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Leaves every value of these types (subtypes included) out of the comparison of this step's output, wherever it sits:
 * each is written as {@code "(left out: <type>)"} in the compared (semantic) form, while the exact form keeps it.
 * Meant for values that are volatile by nature, such as {@code java.time.Instant} timestamps or a library's provenance
 * objects. Part of the step's configuration fingerprint and named in every failure of the step.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@API(status = STABLE, since = "0.1")
public @interface IgnoreTypes {

    /** The types to leave out. */
    Class<?>[] value();
}
