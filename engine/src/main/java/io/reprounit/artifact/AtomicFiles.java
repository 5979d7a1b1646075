package io.reprounit.artifact;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that a reader sees either its old content or its new content, never half of it: the content goes to
 * a temporary file beside it, which is then moved into place. Baselines a user reviews, and the caches several forks
 * write at once, are written this way.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /** Replaces {@code file} with {@code content}, creating its directory where needed. */
    public static void replace(Path file, byte[] content) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, content);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary); // only still there where the write or the move failed
        }
    }
}
