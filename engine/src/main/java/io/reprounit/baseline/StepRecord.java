package io.reprounit.baseline;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.fingerprint.Fingerprint;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a baseline records of one step: its output's semantic digest (what a check compares) and the digest of its
 * exact bytes (what is only shown), its size, a short preview of a text output so that a review shows what it was, and
 * the step's own fingerprint parts (code, config, data). {@code bytesDigest} is {@link #VARIES} where the runs of the
 * recorded check gave different bytes for the same compared output, since no one digest would stand for them.
 */
@API(status = INTERNAL, since = "0.1")
public record StepRecord(String digest, String bytesDigest, long size, @Nullable String preview, Fingerprint parts) {

    /** The bytes digest of a step whose runs gave different exact bytes. */
    public static final String VARIES = "varies";

    public StepRecord {
        requireNonNull(digest);
        requireNonNull(bytesDigest);
        requireNonNull(parts);
    }

    /** A step whose exact bytes are its compared form: every step of a baseline written before bytes digests. */
    public StepRecord(String digest, long size, @Nullable String preview, Fingerprint parts) {
        this(digest, digest, size, preview, parts);
    }

    public boolean bytesVary() {
        return VARIES.equals(bytesDigest);
    }

    /** This record with its exact bytes marked as differing between runs. */
    StepRecord withVaryingBytes() {
        return new StepRecord(digest, VARIES, size, preview, parts);
    }
}
