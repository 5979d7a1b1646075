package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.ByteSize;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoreException;
import io.reprounit.store.StoreLocation;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Records this execution's checks where its {@link StoreSettings} say, on one {@link StoreThread}. */
final class CheckRecorder implements AutoCloseable {

    private final StoreSettings settings;
    private final StoreThread store = new StoreThread(this::open);

    CheckRecorder(StoreSettings settings) {
        this.settings = requireNonNull(settings);
    }

    /**
     * Records that a check of {@code pipeline} starts. The store is written on its own thread: a store that cannot be
     * opened or written fails the check when it ends, after its steps' results.
     *
     * @throws StoreException naming the setting to change when a setting is wrong
     */
    CheckRecording start(PipelineDefinition pipeline, String mode) {
        if (settings.problem() != null) {
            throw new StoreException(settings.problem());
        }
        Path directory = settings.artifactsDirectory();
        ArtifactStore artifacts = artifacts(directory != null ? directory
                : StoreLocation.defaultArtifactsDirectory(settings.url(), Constants.ARTIFACTS_DIR_PROPERTY_NAME),
                settings.maxSize());
        return new CheckRecording(this, store, pipeline, artifacts, mode);
    }

    /** The artifact store over {@code directory}, keeping no output larger than {@code maxSize} where it is set. */
    static ArtifactStore artifacts(Path directory, @Nullable String maxSize) {
        ArtifactStore store = new ArtifactStore(directory);
        return maxSize == null ? store : store.withMaxSize(ByteSize.parse(maxSize),
                Constants.ARTIFACTS_MAX_SIZE_PROPERTY_NAME + " = " + maxSize);
    }

    MetadataStore open() {
        return MetadataStore.open(settings.url(), Constants.STORE_URL_PROPERTY_NAME);
    }

    @Nullable Integer retention() {
        return settings.retention();
    }

    /** Waits for the last writes and closes the store. */
    @Override
    public void close() {
        store.close();
    }
}
