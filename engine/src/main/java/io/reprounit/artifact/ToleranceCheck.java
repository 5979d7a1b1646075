package io.reprounit.artifact;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of comparing two outputs within a tolerance: whether they agree, and in words either the largest
 * difference found within the tolerance or the first one beyond it.
 */
public record ToleranceCheck(boolean within, String detail) {

    public ToleranceCheck {
        requireNonNull(detail);
    }
}
