package io.reprounit.baseline;

import static java.util.Objects.requireNonNull;

import io.reprounit.fingerprint.Fingerprint;
import org.jspecify.annotations.Nullable;

/**
 * What a baseline records of one step: its output's digest and size, a short preview of a text output so that a review
 * shows what it was, and the step's own fingerprint parts (code, config, data).
 */
public record StepRecord(String digest, long size, @Nullable String preview, Fingerprint parts) {

    public StepRecord {
        requireNonNull(digest);
        requireNonNull(parts);
    }
}
