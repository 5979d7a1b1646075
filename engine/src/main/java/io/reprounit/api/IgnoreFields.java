package io.reprounit.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Leaves members of this step's output out of the comparison: each is written as {@code "(left out: @IgnoreFields)"}
 * in the compared (semantic) form, while the exact form keeps it. A path names members from the output down, separated
 * by dots; {@code []} stands for every element of a list or array and {@code *} for every member of an object or map:
 *
 * <pre>{@code
 * @Step
 * @IgnoreFields({"trainedAt", "rows[].loadedBy", "metrics.*.wallTime"})
 * Report train(...) { ... }
 * }</pre>
 *
 * <p>A path that matches nothing in the output fails the step, since it is most likely misspelt. What is left out is
 * part of the step's configuration fingerprint and is named in every failure of the step.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@API(status = STABLE, since = "0.1")
public @interface IgnoreFields {

    /** Paths to the members to leave out. */
    String[] value();
}
