package io.reprounit.artifact;

import java.nio.file.Path;

/** An artifact file whose content no longer matches the digest it is named by: changed or damaged on disk. */
public final class CorruptedArtifactException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CorruptedArtifactException(String expected, String actual, Path file) {
        super("Artifact file " + file + " is corrupted: it should hold content with digest " + expected + " but holds "
                + actual + ". Delete the file; the next check that produces this output writes it again.");
    }

    CorruptedArtifactException(String expected, Path file, Exception cause) {
        super("Artifact file " + file + " is corrupted: it should hold the compressed content with digest " + expected
                + " but cannot be decompressed (" + cause.getMessage() + "). Delete the file; the next check that"
                + " produces this output writes it again.", cause);
    }
}
