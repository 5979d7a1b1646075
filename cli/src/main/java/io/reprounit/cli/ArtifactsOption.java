package io.reprounit.cli;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.store.StoreLocation;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Which artifact store a command reads or cleans: the directory given, else {@code artifacts} beside the database. */
final class ArtifactsOption {

    static final String ARTIFACTS = "--artifacts";

    @Option(names = ARTIFACTS, paramLabel = "<dir>", description = "The artifact store, where the tests set"
            + " reprounit.artifacts.dir. Default: artifacts beside the database.")
    @Nullable Path artifacts;

    ArtifactStore store(StoreOptions options) {
        return new ArtifactStore(artifacts != null ? artifacts
                : StoreLocation.defaultArtifactsDirectory(options.url(), ARTIFACTS));
    }
}
