package io.reprounit.store;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.s3.TestS3;
import java.nio.file.Path;

/**
 * The kinds of artifact store that the store's tests run against: a directory alone; and a directory that is the
 * read-through cache of an S3 bucket on a real S3-compatible server (s3proxy), a prefix per directory.
 */
enum ArtifactStoreKind {
    DIRECTORY {
        @Override
        ArtifactStore open(Path directory) {
            return new ArtifactStore(directory);
        }
    },
    S3 {
        @Override
        ArtifactStore open(Path directory) {
            return new ArtifactStore(directory).withRemote(TestS3.tier(PREFIXES.computeIfAbsent(
                    directory.toAbsolutePath().normalize(), d -> "store-" + java.util.UUID.randomUUID())));
        }
    };

    private static final java.util.Map<Path, String> PREFIXES = new java.util.concurrent.ConcurrentHashMap<>();

    /** A store over {@code directory}; the same directory gets the same bucket prefix again. */
    abstract ArtifactStore open(Path directory);
}
