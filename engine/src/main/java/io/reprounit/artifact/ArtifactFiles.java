package io.reprounit.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** The artifact store's files: putting one in place atomically, refreshing one reused, removing the unreferenced. */
final class ArtifactFiles {

    static final String ALGORITHM = "sha256";
    static final String TEMPORARY_PREFIX = ".tmp-";

    private ArtifactFiles() {}

    /** Writes the bytes of the file at {@code location} into {@code temporary}, in the same form. */
    static void copyInto(Path root, String location, Path temporary) throws IOException {
        StoredForm form = StoredForm.of(location);
        try (InputStream in = form.reading(Files.newInputStream(root.resolve(location)));
                OutputStream out = form.writing(Files.newOutputStream(temporary))) {
            in.transferTo(out);
        }
    }

    /**
     * Moves {@code temporary}, which holds the artifact {@code digest}, into place at {@code location}, unless that
     * digest is stored already; gives where it is now kept: the file written, or the one that was there. A file that was
     * there is reused only once it has been read whole and found intact; a damaged one is reported on standard error
     * and replaced, atomically, by {@code temporary}.
     */
    static String moveIntoPlace(Path root, Path temporary, String location, String digest, StoredForm form)
            throws IOException {
        Path raw = root.resolve(location);
        Path compressed = root.resolve(location + StoredForm.ZSTD.suffix());
        List<Path> damaged = new ArrayList<>();
        for (Path existing : List.of(compressed, raw)) {
            try {
                String damage = ArtifactVerifier.damage(existing, digest);
                if (damage == null && touch(existing)) {
                    return root.relativize(existing).toString().replace('\\', '/');
                }
                if (damage != null) {
                    reportDamaged(digest, existing, damage, "It is replaced with the bytes just written.");
                    damaged.add(existing);
                }
            } catch (NoSuchFileException e) {
                // not there, or just removed by a gc: write ours
            }
        }
        Path file = root.resolve(location + form.suffix());
        Files.createDirectories(file.getParent());
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        for (Path other : damaged) {
            if (!other.equals(file)) {
                Files.deleteIfExists(other); // the damaged file in the other form, which reads would still find
            }
        }
        return location + form.suffix();
    }

    /**
     * Says on standard error that an artifact file was found damaged: something changed it on disk, which a store of
     * content that never changes should hear of, even though the file is replaced and nothing is lost.
     */
    static void reportDamaged(String digest, Path file, String damage, String done) {
        System.err.println("reprounit: artifact file " + file + " was damaged: it should hold " + digest + " but "
                + damage + ". " + done);
    }

    /**
     * The digest that the file at {@code sha256/ab/cdef…[.zst]} is named by; null for an upload's temporary file. A
     * stray file gets the digest its name spells, which its content will not have.
     */
    static @Nullable String digestOf(Path file) {
        String name = file.getFileName().toString();
        if (name.startsWith(TEMPORARY_PREFIX)) {
            return null;
        }
        String hex = name.endsWith(StoredForm.ZSTD.suffix())
                ? name.substring(0, name.length() - StoredForm.ZSTD.suffix().length()) : name;
        return Digests.PREFIX + java.util.Objects.requireNonNull(file.getParent(), "an artifact file lies in a directory").getFileName() + hex;
    }

    /**
     * Refreshes a file's time, so that a gc running now, which spares young files, cannot remove what was just reused;
     * false where it is not there (any more).
     */
    static boolean touch(Path file) throws IOException {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Removes every file whose digest is not in {@code kept}, and temporary files left by writers that died, sparing
     * files changed within {@code minimumAge}: a writer in another process may have just written or reused one that its
     * run, not yet committed, refers to.
     *
     * @return the digests of the artifacts removed
     */
    static List<String> removeAllExcept(Path root, Set<String> kept, Duration minimumAge) {
        Path directory = root.resolve(ALGORITHM);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        Instant youngest = Instant.now().minus(minimumAge);
        List<String> removed = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory, 2)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String digest = digestOf(file);
                boolean temporary = digest == null;
                if ((temporary || !kept.contains(digest))
                        && Files.getLastModifiedTime(file).toInstant().isBefore(youngest)
                        && Files.deleteIfExists(file) && !temporary && !removed.contains(digest)) {
                    removed.add(digest); // once, where both a raw and a compressed copy were there
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean the artifact store " + root, e);
        }
        return removed;
    }

    /** How many files, temporary ones included, hold no artifact in {@code kept}: what a gc spared as too young. */
    static int countUnreferenced(Path root, Set<String> kept) {
        Path directory = root.resolve(ALGORITHM);
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory, 2)) {
            return (int) files.filter(Files::isRegularFile).map(ArtifactFiles::digestOf)
                    .filter(digest -> digest == null || !kept.contains(digest)).count();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the artifact store " + root, e);
        }
    }
}
