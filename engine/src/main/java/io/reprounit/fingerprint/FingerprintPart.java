package io.reprounit.fingerprint;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.Digests;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One named part of a fingerprint, such as {@code environment / java.version = 17.0.15}, with its own digest. The value
 * is what a person reads in an explanation; the digest is what comparisons use, and covers content that is too large
 * to keep as a value (a jar, a data file, a step's bytecode).
 *
 * <p>A value class rather than a record: it remembers whether its digest is that of its value, which reports and
 * baselines ask of every part they write, and which would otherwise cost a SHA-256 each time — in a fresh JVM, where
 * hashing runs interpreted, a thousand of them are tens of milliseconds of a check.
 */
@API(status = INTERNAL, since = "0.1")
public final class FingerprintPart {

    private final Aspect aspect;
    private final String name;
    private final String value;
    private final String digest;
    private final String key;
    /** Known where the part was made from its value; otherwise found on first use. Not part of equality. */
    private volatile @Nullable Boolean digestIsOfValue;

    public FingerprintPart(Aspect aspect, String name, String value, String digest) {
        this(aspect, name, value, digest, null);
    }

    private FingerprintPart(Aspect aspect, String name, String value, String digest,
            @Nullable Boolean digestIsOfValue) {
        this.aspect = requireNonNull(aspect);
        this.name = requireNonNull(name);
        this.value = requireNonNull(value);
        this.digest = requireNonNull(digest);
        this.key = aspect.label() + "/" + name;
        this.digestIsOfValue = digestIsOfValue;
    }

    /** A part whose value is small enough to be its own content: the digest is taken of the value. */
    public static FingerprintPart of(Aspect aspect, String name, String value) {
        return new FingerprintPart(aspect, name, value, Digests.sha256(value), Boolean.TRUE);
    }

    /**
     * A part whose digest covers content larger than its value — a jar's bytes, a data file, a step's bytecode — so that
     * reports show the digest beside the value.
     */
    public static FingerprintPart ofContent(Aspect aspect, String name, String value, String contentDigest) {
        return new FingerprintPart(aspect, name, value, contentDigest, Boolean.FALSE);
    }

    public Aspect aspect() {
        return aspect;
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    public String digest() {
        return digest;
    }

    /**
     * Whether the digest is that of the value, so that the value says everything; otherwise the digest covers more
     * (a jar's bytes, a data file, a step's bytecode) and is shown beside it.
     */
    public boolean digestIsOfValue() {
        Boolean known = digestIsOfValue;
        if (known == null) {
            known = digest.equals(Digests.sha256(value));
            digestIsOfValue = known;
        }
        return known;
    }

    /** {@code aspect/name}, unique within a fingerprint. */
    public String key() {
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FingerprintPart that && aspect == that.aspect && name.equals(that.name)
                && value.equals(that.value) && digest.equals(that.digest);
    }

    @Override
    public int hashCode() {
        return ((aspect.ordinal() * 31 + name.hashCode()) * 31 + value.hashCode()) * 31 + digest.hashCode();
    }

    @Override
    public String toString() {
        return key() + " = " + value;
    }
}
