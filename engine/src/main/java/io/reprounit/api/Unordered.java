package io.reprounit.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Compares lists or arrays in this step's output as unordered: their elements are sorted by their canonical encoding
 * before the output is digested, so that a list filled by parallel threads compares equal in any order. Without a
 * value, the output itself is the list; otherwise each value is a path as for {@link IgnoreFields}, such as
 * {@code "clusters"} or {@code "clusters[].members"}. A path that matches nothing, or matches something other than a
 * list, fails the step. Part of the step's configuration fingerprint and named in every failure of the step.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@API(status = STABLE, since = "0.1")
public @interface Unordered {

    /** Paths to the lists to compare as unordered; none for the output itself. */
    String[] value() default {};
}
