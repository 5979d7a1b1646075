package io.reprounit.artifact;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** An artifact file whose content no longer matches the digest it is named by: changed or damaged on disk. */
@API(status = INTERNAL, since = "0.1")
public final class CorruptedArtifactException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String damage;

    CorruptedArtifactException(String expected, String actual, long size, Object file) {
        this(file, expected, "holds " + size + " bytes with digest " + actual, null);
    }

    CorruptedArtifactException(String expected, Object file, Exception cause) {
        this(file, expected, "cannot be decompressed (" + cause.getMessage() + ")", cause);
    }

    private CorruptedArtifactException(Object file, String expected, String damage, @org.jspecify.annotations.Nullable
            Exception cause) {
        super("Artifact file " + file + " is corrupted: it should hold content with digest " + expected + " but "
                + damage + ". Delete the file; the next check that produces this output writes it again.", cause);
        this.damage = damage;
    }

    /** What is wrong with the file, in a few words: "holds 5 bytes with digest sha256:…", "cannot be decompressed (…)". */
    public String damage() {
        return damage;
    }
}
