package io.reprounit.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Where the files and directories of outputs served from the cache are restored during one check: a temporary
 * directory made on first use and removed with everything in it when the check ends, after every step that reads them.
 */
final class RestoredFiles implements AutoCloseable {

    private @Nullable Path directory;

    /** A new, empty directory for one output. */
    synchronized Path next() {
        try {
            if (directory == null) {
                directory = Files.createTempDirectory("reprounit-restored-");
            }
            return Files.createTempDirectory(directory, "output-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make a directory to restore a cached output in "
                    + System.getProperty("java.io.tmpdir"), e);
        }
    }

    @Override
    public synchronized void close() {
        if (directory == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // Left for the system's temporary directory cleaning: the check's result does not depend on it.
        }
        directory = null;
    }
}
