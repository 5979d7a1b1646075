package io.reprounit.fingerprint;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.Digests;

/**
 * One named part of a fingerprint, such as {@code environment / java.version = 17.0.15}, with its own digest. The value
 * is what a person reads in an explanation; the digest is what comparisons use, and covers content that is too large
 * to keep as a value (a jar, a data file, a step's bytecode).
 */
public record FingerprintPart(Aspect aspect, String name, String value, String digest) {

    public FingerprintPart {
        requireNonNull(aspect);
        requireNonNull(name);
        requireNonNull(value);
        requireNonNull(digest);
    }

    /** A part whose value is small enough to be its own content: the digest is taken of the value. */
    public static FingerprintPart of(Aspect aspect, String name, String value) {
        return new FingerprintPart(aspect, name, value, Digests.sha256(value));
    }

    /** {@code aspect/name}, unique within a fingerprint. */
    public String key() {
        return aspect.label() + "/" + name;
    }

    @Override
    public String toString() {
        return key() + " = " + value;
    }
}
