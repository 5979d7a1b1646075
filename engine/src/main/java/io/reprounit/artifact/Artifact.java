package io.reprounit.artifact;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * A step's output in canonical form: its SHA-256 digest, its size in bytes, its media type and, up to a bound, its
 * bytes, kept so that a failure can show what differs.
 */
public final class Artifact {

    /** Outputs larger than this keep only their first bytes in memory; their digest still covers every byte. */
    static final int MAX_KEPT_BYTES = 4 * 1024 * 1024;

    public static final String TEXT = "text/plain; charset=UTF-8";
    public static final String BINARY = "application/octet-stream";
    /** The canonical text encoding of a structured value: see {@link CanonicalWriter}. */
    public static final String CANONICAL = "text/x-reprounit-canonical; charset=UTF-8";

    private final String digest;
    private final long size;
    private final String mediaType;
    private final byte[] head;

    Artifact(String digest, long size, String mediaType, byte[] head) {
        this.digest = requireNonNull(digest);
        this.size = size;
        this.mediaType = requireNonNull(mediaType);
        this.head = requireNonNull(head);
    }

    static Artifact of(byte[] bytes, String mediaType) {
        byte[] kept = bytes.length <= MAX_KEPT_BYTES ? bytes : java.util.Arrays.copyOf(bytes, MAX_KEPT_BYTES);
        return new Artifact(Digests.sha256(bytes), bytes.length, mediaType, kept);
    }

    /**
     * An artifact as another JVM made it, from its digest, size, media type and the bytes it kept: how a forked run
     * hands its outputs back. The digest is trusted as given; it covers every byte, kept or not.
     */
    public static Artifact restored(String digest, long size, String mediaType, byte[] head) {
        if (head.length > size || head.length > MAX_KEPT_BYTES) {
            throw new IllegalArgumentException("An artifact of " + size + " bytes cannot keep " + head.length);
        }
        return new Artifact(digest, size, mediaType, head.clone());
    }

    /** {@code sha256:} followed by 64 hex digits. */
    public String digest() {
        return digest;
    }

    public long size() {
        return size;
    }

    public String mediaType() {
        return mediaType;
    }

    public boolean isText() {
        return !BINARY.equals(mediaType);
    }

    /** The artifact's bytes, or its first {@value #MAX_KEPT_BYTES} bytes where it is larger. */
    public byte[] bytes() {
        return head.clone();
    }

    public boolean isComplete() {
        return head.length == size;
    }

    /** The content as text, for text artifacts; for binary ones, a hex dump. */
    public String content() {
        if (isText()) {
            return new String(head, StandardCharsets.UTF_8);
        }
        return HexDump.of(head);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Artifact that && digest.equals(that.digest) && mediaType.equals(that.mediaType);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return digest + " (" + size + " bytes, " + mediaType + ")";
    }
}
