package io.reprounit.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Rounds every floating-point number in this step's output to this many significant digits (half to even) before it
 * is digested, so that differences in the last digits do not count, also against a baseline. Numbers that lie on
 * either side of a rounding boundary still differ; {@link Tolerance} has no such edge but compares runs only. Part of
 * the step's configuration fingerprint and named in every failure of the step.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@API(status = STABLE, since = "0.1")
public @interface SignificantDigits {

    /** The number of significant digits kept, from 1 to 17. */
    int value();
}
