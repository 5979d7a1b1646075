package io.reprounit.artifact;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * Writes a file so that a reader sees either its old content or its new content, never half of it: the content goes to
 * a temporary file beside it, which is then moved into place. Baselines a user reviews, and the caches several forks
 * write at once, are written this way.
 */
@API(status = INTERNAL, since = "0.1")
public final class AtomicFiles {

    private AtomicFiles() {}

    /**
     * Replaces {@code file} with {@code content}, creating its directory where needed. The file gets the permissions any
     * new file gets (the umask's): {@link Files#createTempFile} would make it readable by its owner only, and a
     * baseline is a file of the project that others must read.
     */
    public static void replace(Path file, byte[] content) throws IOException {
        Path directory = java.util.Objects.requireNonNull(file.toAbsolutePath().getParent(), "a file lies in a directory");
        Files.createDirectories(directory);
        Path temporary = temporaryBeside(directory, file.getFileName().toString());
        try {
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE)) {
                out.write(content);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary); // only still there where the write or the move failed
        }
    }

    /** A new empty file of a name no one else can be using, created as any new file is. */
    private static Path temporaryBeside(Path directory, String name) throws IOException {
        while (true) {
            Path temporary = directory.resolve(name + "." + UUID.randomUUID() + ".tmp");
            try {
                Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temporary;
            } catch (FileAlreadyExistsException e) {
                // Another writer drew the same name: draw again.
            }
        }
    }
}
