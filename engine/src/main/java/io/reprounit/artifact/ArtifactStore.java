package io.reprounit.artifact;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Artifacts as files named by their content, {@code sha256/ab/cdef…} under a root directory: written once, atomically
 * (a temporary file in the same directory, then a move), shared by every run that produced the same bytes, and checked
 * against their name whenever they are read, so that a file changed on disk is reported rather than trusted.
 */
public final class ArtifactStore {

    private static final String ALGORITHM = "sha256";
    private static final String TEMPORARY_PREFIX = ".tmp-";

    private final Path root;

    public ArtifactStore(Path root) {
        this.root = requireNonNull(root).toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * Keeps the artifact's bytes, unless a file of that digest and size is already there, and gives the file's location
     * relative to the root; empty where the artifact kept only its first bytes in memory, so that there is nothing
     * complete to keep.
     */
    public Optional<String> put(Artifact artifact) {
        if (!artifact.isComplete()) {
            return Optional.empty();
        }
        String location = location(artifact.digest());
        Path file = root.resolve(location);
        try {
            if (Files.isRegularFile(file) && Files.size(file) == artifact.size()) {
                // Refreshed so that a gc running now, which spares young files, cannot remove what was just reused.
                Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
                return Optional.of(location);
            }
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), TEMPORARY_PREFIX, "");
            try {
                Files.write(temporary, artifact.bytes());
                moveIntoPlace(temporary, file);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return Optional.of(location);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write artifact " + artifact.digest() + " to " + file, e);
        }
    }

    private static void moveIntoPlace(Path temporary, Path file) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            // Another process wrote the same content at the same moment: either copy is the artifact.
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Begins keeping one artifact whose bytes are written to the returned upload as they are made, before their digest
     * is known. Until {@link Upload#finish} the bytes are in a temporary file; an upload closed unfinished leaves
     * nothing behind.
     */
    public Upload upload() {
        try {
            Files.createDirectories(root.resolve(ALGORITHM));
            Path temporary = Files.createTempFile(root.resolve(ALGORITHM), TEMPORARY_PREFIX, "");
            return new Upload(temporary, Files.newOutputStream(temporary));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to the artifact store " + root, e);
        }
    }

    /** One artifact being written: bytes in order, then its digest. Not thread-safe: one writer. */
    public final class Upload implements AutoCloseable {
        private final Path temporary;
        private final java.io.OutputStream out;
        private boolean finished;

        private Upload(Path temporary, java.io.OutputStream out) {
            this.temporary = temporary;
            this.out = out;
        }

        public void write(byte[] bytes, int offset, int length) {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write to the artifact store " + root, e);
            }
        }

        /** Moves the bytes written into place as the artifact {@code digest}, or drops them where it is there already. */
        public Artifact.Kept finish(String digest, long size) {
            String location = location(digest);
            Path file = root.resolve(location);
            try {
                out.close();
                finished = true;
                if (Files.isRegularFile(file) && Files.size(file) == size) {
                    Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
                } else {
                    Files.createDirectories(file.getParent());
                    moveIntoPlace(temporary, file);
                }
                return Artifact.Kept.at(ArtifactStore.this, location);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write artifact " + digest + " to " + file, e);
            } finally {
                close();
            }
        }

        @Override
        public void close() {
            try {
                out.close();
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot clean up " + temporary, e);
            }
        }
    }

    /** The artifact's bytes, streamed; empty where the store has no such artifact. */
    public Optional<java.io.InputStream> open(String digest) {
        try {
            return Optional.of(Files.newInputStream(root.resolve(location(digest))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read artifact " + digest + " from " + root, e);
        }
    }

    /**
     * The bytes of the artifact with this digest, verified against it; empty where there is no such file.
     *
     * @throws CorruptedArtifactException where the file's content no longer has the digest it is named by
     */
    public Optional<byte[]> read(String digest) {
        Path file = root.resolve(location(digest));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read artifact " + digest + " from " + file, e);
        }
        String actual = Digests.sha256(bytes);
        if (!actual.equals(digest)) {
            throw new CorruptedArtifactException(digest, actual, file);
        }
        return Optional.of(bytes);
    }

    /** {@code sha256/ab/cdef…} for {@code sha256:abcdef…}. */
    public static String location(String digest) {
        if (!digest.startsWith(Digests.PREFIX) || digest.length() != Digests.PREFIX.length() + 64) {
            throw new IllegalArgumentException("Not a sha256 digest: " + digest);
        }
        String hex = digest.substring(Digests.PREFIX.length());
        return ALGORITHM + "/" + hex.substring(0, 2) + "/" + hex.substring(2);
    }

    /**
     * Removes every file whose digest is not in {@code kept}, and temporary files left by writers that died, sparing
     * files changed within {@code minimumAge}: a writer in another process may have just written or reused one that its
     * run, not yet committed, refers to.
     *
     * @return the digests of the artifacts removed
     */
    public List<String> removeAllExcept(Set<String> kept, Duration minimumAge) {
        Path directory = root.resolve(ALGORITHM);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        Instant youngest = Instant.now().minus(minimumAge);
        List<String> removed = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory, 2)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = file.getFileName().toString();
                boolean temporary = name.startsWith(TEMPORARY_PREFIX);
                String digest = Digests.PREFIX + file.getParent().getFileName() + name;
                if ((temporary || !kept.contains(digest))
                        && Files.getLastModifiedTime(file).toInstant().isBefore(youngest)
                        && Files.deleteIfExists(file) && !temporary) {
                    removed.add(digest);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean the artifact store " + root, e);
        }
        return removed;
    }
}
