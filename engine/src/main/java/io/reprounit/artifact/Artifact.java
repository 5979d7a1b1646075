package io.reprounit.artifact;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A step's output in canonical form, with two digests: the <em>semantic</em> digest of the form that is compared (the
 * canonical form after the step's normalizers, see {@link Normalization}), which verdicts use; and the <em>bytes</em>
 * digest of its exact materialized form (before normalizers, or the serialized form a {@link Materializer} gives), which
 * is recorded so that a change in the bytes alone is visible without failing a check. Keeps the compared form's size,
 * media type and, up to a bound, its bytes, so that a failure can show what differs.
 */
@API(status = INTERNAL, since = "0.1")
public final class Artifact {

    /** Outputs larger than this keep only their first bytes in memory; their digest still covers every byte. */
    static final int MAX_KEPT_BYTES = 4 * 1024 * 1024;

    public static final String TEXT = "text/plain; charset=UTF-8";
    public static final String BINARY = "application/octet-stream";
    /** The canonical binary form of a structured value, digest scheme 2: see {@link CanonicalFormat}. */
    public static final String CANONICAL = "application/x-reprounit-canonical";
    /** The canonical text encoding of digest scheme 1, which stores written before scheme 2 still hold. */
    public static final String CANONICAL_TEXT = "text/x-reprounit-canonical; charset=UTF-8";

    private final String digest;
    private final String bytesDigest;
    private final long size;
    private final String mediaType;
    private final byte[] head;
    /** Done at once for most outputs; a large one's upload may still be compressing and writing its file. */
    private final CompletableFuture<Kept> kept;
    /** The digests of the other artifacts this one needs: a directory's files, a materializer's serialized form. */
    private final List<String> parts;

    /**
     * Whether the whole compared form is in the artifact store: its location there, or why it was not kept (such as
     * {@code reprounit.artifacts.max-size}); neither where no store was given.
     */
    public record Kept(@Nullable ArtifactStore store, @Nullable String location, @Nullable String notKeptReason) {

        public static final Kept NOWHERE = new Kept(null, null, null);

        public static Kept at(ArtifactStore store, String location) {
            return new Kept(requireNonNull(store), requireNonNull(location), null);
        }

        public static Kept skipped(String reason) {
            return new Kept(null, null, requireNonNull(reason));
        }
    }

    Artifact(String digest, String bytesDigest, long size, String mediaType, byte[] head) {
        this(digest, bytesDigest, size, mediaType, head, Kept.NOWHERE);
    }

    Artifact(String digest, String bytesDigest, long size, String mediaType, byte[] head, Kept kept) {
        this(digest, bytesDigest, size, mediaType, head, CompletableFuture.completedFuture(requireNonNull(kept)));
    }

    Artifact(String digest, String bytesDigest, long size, String mediaType, byte[] head,
            CompletableFuture<Kept> kept) {
        this(digest, bytesDigest, size, mediaType, head, kept, List.of());
    }

    private Artifact(String digest, String bytesDigest, long size, String mediaType, byte[] head,
            CompletableFuture<Kept> kept, List<String> parts) {
        this.parts = List.copyOf(parts);
        this.digest = requireNonNull(digest);
        this.bytesDigest = requireNonNull(bytesDigest);
        this.size = size;
        this.mediaType = requireNonNull(mediaType);
        this.head = requireNonNull(head);
        this.kept = requireNonNull(kept);
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
        return restored(digest, bytesDigest, size, mediaType, head, Kept.NOWHERE);
    }

    /** As {@link #restored(String, String, long, String, byte[])}, with where the other JVM kept its whole form. */
    public static Artifact restored(String digest, String bytesDigest, long size, String mediaType, byte[] head,
            Kept kept) {
        if (head.length > size || head.length > MAX_KEPT_BYTES) {
            throw new IllegalArgumentException("An artifact of " + size + " bytes cannot keep " + head.length);
        }
        return new Artifact(digest, bytesDigest, size, mediaType, head.clone(), kept);
    }

    /**
     * This artifact, needing the artifacts {@code parts} as well: what garbage collection must keep while it keeps this
     * one, and what reading it back reads.
     */
    public Artifact withParts(List<String> parts) {
        return new Artifact(digest, bytesDigest, size, mediaType, head, kept, parts);
    }

    /** The digests of the other artifacts this one needs: a directory's files, a materializer's serialized form. */
    public List<String> parts() {
        return parts;
    }

    /**
     * An artifact that {@code store} keeps at {@code location}, as recorded: how an output served from the cache is
     * handed on. Its first bytes are read for previews; the digest is trusted as recorded, and verified by whoever reads
     * the whole. Empty where the store has no such artifact.
     *
     * @throws java.io.UncheckedIOException where its file cannot be read
     */
    public static java.util.Optional<Artifact> inStore(ArtifactStore store, String digest, String bytesDigest, long size,
            String mediaType, String location) {
        java.util.Optional<java.io.InputStream> opened = store.open(digest);
        if (opened.isEmpty()) {
            return java.util.Optional.empty();
        }
        try (java.io.InputStream in = opened.get()) {
            byte[] head = in.readNBytes((int) Math.min(size, MAX_KEPT_BYTES));
            return java.util.Optional.of(restored(digest, bytesDigest, size, mediaType, head, Kept.at(store, location)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot read artifact " + digest + " from " + store.root(), e);
        }
    }

    /**
     * Where the whole compared form is kept, or why it is not. Waits for the upload where its file is still being
     * written, which happens off the step's thread: whoever needs the answer first (the metadata store) waits for it.
     */
    public Kept kept() {
        return kept.join();
    }

    /**
     * The whole compared form, streamed: from memory where it is all there, else from the artifact store (verified
     * against the digest as it is read); empty where neither has it.
     */
    public java.util.Optional<java.io.InputStream> open() {
        if (isComplete()) {
            return java.util.Optional.of(new java.io.ByteArrayInputStream(head));
        }
        ArtifactStore store = kept().store();
        if (store != null) {
            return store.open(digest);
        }
        return java.util.Optional.empty();
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

    /**
     * Whether the content is a structured value's canonical binary form, scheme 2. Stores written before it hold the
     * canonical text of scheme 1, also under {@link #CANONICAL}: every tag of the binary form is below {@code 0x20}, and
     * that text always begins with a printable character, so the first byte tells them apart.
     */
    public boolean isCanonicalForm() {
        return CANONICAL.equals(mediaType) && (head.length == 0 || head[0] < 0x20);
    }

    /** Whether the content is the canonical text of scheme 1: a structured value as older stores keep it. */
    public boolean isCanonicalText() {
        return CANONICAL_TEXT.equals(mediaType) || CANONICAL.equals(mediaType) && !isCanonicalForm();
    }

    /**
     * The content as a person reads it, bounded to about {@value CanonicalText#CONTENT_LIMIT} characters: a structured
     * value's canonical form as text (from the artifact store where only its first bytes are in memory), text as it is,
     * bytes as a hex dump.
     */
    public String content() {
        if (isCanonicalForm()) {
            java.util.Optional<java.io.InputStream> whole = open();
            try (java.io.InputStream in = whole.orElseGet(() -> new java.io.ByteArrayInputStream(head))) {
                return CanonicalText.render(in, CanonicalText.CONTENT_LIMIT) + (whole.isEmpty() && !isComplete()
                        ? "\n[… the output has " + size + " bytes; only the first " + head.length + " were kept]" : "");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Cannot read artifact " + digest, e);
            }
        }
        if (isText()) {
            return new String(head, StandardCharsets.UTF_8);
        }
        return HexDump.lines(head, 0, CanonicalText.CONTENT_LIMIT / 3);
    }

    /**
     * What the materializer says it left out of the output: the strings of a {@code "$leftOut"} list among the
     * members of the top-level object, which is where a {@link Materializer} that leaves volatile parts out names them
     * (the Tribuo materializer does). Empty where there is none, or where it lies past the kept first bytes.
     */
    public java.util.List<String> leftOut() {
        if (isCanonicalForm()) {
            return leftOutOfCanonicalForm();
        }
        if (!CANONICAL_TEXT.equals(mediaType) && !CANONICAL.equals(mediaType)) {
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

    private java.util.List<String> leftOutOfCanonicalForm() {
        CanonicalReader reader = new CanonicalReader(new java.io.ByteArrayInputStream(head));
        try {
            if (reader.next() != CanonicalReader.Kind.OBJECT) {
                return java.util.List.of();
            }
            while (reader.next() == CanonicalReader.Kind.NAME) {
                String name = reader.string();
                CanonicalReader.Kind value = reader.next();
                if (name.equals("$leftOut") && (value == CanonicalReader.Kind.ARRAY || value == CanonicalReader.Kind.SET)) {
                    java.util.List<String> leftOut = new java.util.ArrayList<>();
                    for (CanonicalReader.Kind element = reader.next(); element != CanonicalReader.Kind.END;
                            element = reader.next()) {
                        if (element == CanonicalReader.Kind.STRING) {
                            leftOut.add(reader.string());
                        }
                        reader.skipValue();
                    }
                    return leftOut;
                }
                reader.skipValue();
            }
            return java.util.List.of();
        } catch (MalformedCanonicalFormException e) {
            if (e.endOfStream()) {
                return java.util.List.of();
            }
            throw e;
        }
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
