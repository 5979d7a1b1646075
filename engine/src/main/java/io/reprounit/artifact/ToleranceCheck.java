package io.reprounit.artifact;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The outcome of comparing two outputs within a tolerance: whether they agree, and in words either the largest
 * difference found within the tolerance or the first one beyond it.
 */
@API(status = INTERNAL, since = "0.1")
public record ToleranceCheck(boolean within, String detail) {

    public ToleranceCheck {
        requireNonNull(detail);
    }
}
