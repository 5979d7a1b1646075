package io.reprounit.artifact;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * A step's output in canonical form, with two digests: the <em>semantic</em> digest of the form that is compared (the
 * canonical form after the step's normalizers, see {@link Normalization}), which verdicts use; and the <em>bytes</em>
 * digest of its exact materialized form (before normalizers, or the serialized form a {@link Materializer} gives), which
 * is recorded so that a change in the bytes alone is visible without failing a check. Keeps the compared form's size,
 * media type and, up to a bound, its bytes, so that a failure can show what differs.
 */
public final class Artifact {

    /** Outputs larger than this keep only their first bytes in memory; their digest still covers every byte. */
    static final int MAX_KEPT_BYTES = 4 * 1024 * 1024;

    public static final String TEXT = "text/plain; charset=UTF-8";
    public static final String BINARY = "application/octet-stream";
    /** The canonical text encoding of a structured value: see {@link CanonicalWriter}. */
    public static final String CANONICAL = "text/x-reprounit-canonical; charset=UTF-8";

    private final String digest;
    private final String bytesDigest;
    private final long size;
    private final String mediaType;
    private final byte[] head;

    Artifact(String digest, String bytesDigest, long size, String mediaType, byte[] head) {
        this.digest = requireNonNull(digest);
        this.bytesDigest = requireNonNull(bytesDigest);
        this.size = size;
        this.mediaType = requireNonNull(mediaType);
        this.head = requireNonNull(head);
    }

    /** An artifact whose exact form is the compared form. */
    static Artifact of(byte[] bytes, String mediaType) {
        String digest = Digests.sha256(bytes);
        return of(bytes, mediaType, digest);
    }

    /** An artifact compared by {@code bytes}, whose exact form has the digest {@code bytesDigest}. */
    static Artifact of(byte[] bytes, String mediaType, String bytesDigest) {
        byte[] kept = bytes.length <= MAX_KEPT_BYTES ? bytes : java.util.Arrays.copyOf(bytes, MAX_KEPT_BYTES);
        return new Artifact(Digests.sha256(bytes), bytesDigest, bytes.length, mediaType, kept);
    }

    /**
     * An artifact as another JVM made it, from its digest, size, media type and the bytes it kept: how a forked run
     * hands its outputs back. The digest is trusted as given; it covers every byte, kept or not.
     */
    public static Artifact restored(String digest, String bytesDigest, long size, String mediaType, byte[] head) {
        if (head.length > size || head.length > MAX_KEPT_BYTES) {
            throw new IllegalArgumentException("An artifact of " + size + " bytes cannot keep " + head.length);
        }
        return new Artifact(digest, bytesDigest, size, mediaType, head.clone());
    }

    /**
     * The semantic digest, of the compared form: {@code sha256:} followed by 64 hex digits. Verdicts, inputs and
     * baselines use this one.
     */
    public String digest() {
        return digest;
    }

    /** The digest of the exact materialized form; equal to {@link #digest()} where no normalizer changed anything. */
    public String bytesDigest() {
        return bytesDigest;
    }

    /** Whether the exact form differs from the compared form, that is, whether normalizers left something out. */
    public boolean isNormalized() {
        return !bytesDigest.equals(digest);
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

    /**
     * What the materializer says it left out of the output: the strings of a {@code "$leftOut"} list among the
     * members of the top-level object, which is where a {@link Materializer} that leaves volatile parts out names them
     * (the Tribuo materializer does). Empty where there is none.
     */
    public java.util.List<String> leftOut() {
        if (!CANONICAL.equals(mediaType)) {
            return java.util.List.of();
        }
        String text = new String(head, StandardCharsets.UTF_8);
        String start = "\n  \"$leftOut\": [";
        int at = text.startsWith("{") ? text.indexOf(start) : -1;
        if (at < 0) {
            return java.util.List.of();
        }
        int end = text.indexOf("\n  ]", at + start.length());
        if (end < 0) {
            return java.util.List.of();
        }
        java.util.List<String> leftOut = new java.util.ArrayList<>();
        for (String line : text.substring(at + start.length(), end).split("\n")) {
            String element = line.strip();
            element = element.endsWith(",") ? element.substring(0, element.length() - 1) : element;
            if (element.startsWith("\"")) {
                leftOut.add(CanonicalTree.unquoted(element));
            }
        }
        return leftOut;
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
        return digest + (isNormalized() ? " (bytes " + bytesDigest + ")" : "") + " (" + size + " bytes, " + mediaType + ")";
    }
}
