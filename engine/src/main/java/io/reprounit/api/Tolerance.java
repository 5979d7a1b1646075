package io.reprounit.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Compares the floating-point numbers in this step's output within a tolerance instead of exactly: set exactly one of
 * {@link #ulps} and {@link #relative}.
 *
 * <p>A tolerance is a relation between two runs, not a property of one output, so it cannot be folded into a digest:
 * runs whose digests differ are compared number by number, and the step reproduces when every other value is equal and
 * every pair of numbers is within the tolerance; the largest difference is reported. For the same reason the step's
 * baseline keeps its compared output whole, up to 64 KiB of canonical text, and a check is compared with it number by
 * number; a larger output must match its baseline's digest exactly ({@link SignificantDigits} has no such limit). Part
 * of the step's configuration fingerprint and named in every failure of the step.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@API(status = STABLE, since = "0.1")
public @interface Tolerance {

    /**
     * The largest distance in units in the last place, counted between {@code double} values: two numbers are within
     * it when at most this many doubles lie between them. A {@code float} output is compared through its widening to
     * {@code double}, where one float ulp is 2^29 double ulps; use {@link #relative} for floats.
     */
    long ulps() default 0;

    /** The largest difference relative to the larger magnitude: {@code |a - b| <= relative * max(|a|, |b|)}. */
    double relative() default 0;
}
