package io.reprounit.artifact;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * A stream that is not the canonical binary form it claims to be, or one that ends before its value does (an artifact
 * of which only the first bytes were kept): says at which offset, and what was expected there.
 */
@API(status = INTERNAL, since = "0.1")
public final class MalformedCanonicalFormException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long offset;
    private final boolean endOfStream;

    MalformedCanonicalFormException(long offset, String expected, String found, boolean endOfStream) {
        super("Not a canonical form of digest scheme " + CanonicalFormat.SCHEME + ": expected " + expected
                + " at offset " + offset + ", found " + found
                + (endOfStream ? "" : "; the artifact is damaged or was written by another version, so record it again"));
        this.offset = offset;
        this.endOfStream = endOfStream;
    }

    /** The offset in the stream where the problem was found. */
    public long offset() {
        return offset;
    }

    /** Whether the stream simply ended early, as the kept first bytes of a large output do. */
    public boolean endOfStream() {
        return endOfStream;
    }
}
