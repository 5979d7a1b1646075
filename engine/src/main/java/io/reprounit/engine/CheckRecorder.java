package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.ByteSize;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoreException;
import io.reprounit.store.StoreLocation;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * Where this execution records its checks, read from {@link Constants#STORE_URL_PROPERTY_NAME},
 * {@link Constants#ARTIFACTS_DIR_PROPERTY_NAME}, {@link Constants#ARTIFACTS_MAX_SIZE_PROPERTY_NAME} and
 * {@link Constants#STORE_RETENTION_PROPERTY_NAME}. A setting that is
 * wrong fails each pipeline with a message naming it, rather than failing the whole engine, so that other engines'
 * tests still run.
 */
final class CheckRecorder implements AutoCloseable {

    private final String url;
    private final @Nullable Path artifactsDirectory;
    private final @Nullable String maxSize;
    private final @Nullable Integer retention;
    private final @Nullable String problem;
    private final StoreThread store = new StoreThread(this::open);

    private CheckRecorder(String url, @Nullable Path artifactsDirectory, @Nullable String maxSize,
            @Nullable Integer retention, @Nullable String problem) {
        this.url = requireNonNull(url);
        this.artifactsDirectory = artifactsDirectory;
        this.maxSize = maxSize;
        this.retention = retention;
        this.problem = problem;
    }

    static CheckRecorder from(ConfigurationParameters parameters) {
        Optional<String> configuredUrl = setting(parameters, Constants.STORE_URL_PROPERTY_NAME);
        Optional<String> configuredArtifacts = setting(parameters, Constants.ARTIFACTS_DIR_PROPERTY_NAME);
        String problem = configuredUrl.flatMap(value -> PathSettings.problem(Constants.STORE_URL_PROPERTY_NAME, value))
                .or(() -> configuredArtifacts.flatMap(value -> PathSettings.problem(
                        Constants.ARTIFACTS_DIR_PROPERTY_NAME, value)))
                .orElse(null);
        String url = configuredUrl.filter(value -> !value.isBlank()).map(String::strip)
                .orElseGet(() -> StoreLocation.defaultUrl(Path.of("").toAbsolutePath()));
        Path artifacts = problem != null ? null : configuredArtifacts.map(String::strip).map(Path::of).orElse(null);
        Optional<String> retention = setting(parameters, Constants.STORE_RETENTION_PROPERTY_NAME).map(String::strip);
        String maxSize = setting(parameters, Constants.ARTIFACTS_MAX_SIZE_PROPERTY_NAME).map(String::strip)
                .orElse(null);
        Integer keep = null;
        if (maxSize != null && problem == null) {
            try {
                ByteSize.parse(maxSize);
            } catch (IllegalArgumentException e) {
                problem = Constants.ARTIFACTS_MAX_SIZE_PROPERTY_NAME + " = " + e.getMessage() + "; or leave it unset to"
                        + " keep every output whatever its size.";
            }
        }
        if (retention.isPresent()) {
            try {
                keep = Integer.parseInt(retention.get());
            } catch (NumberFormatException e) {
                keep = 0;
            }
            if (keep < 1 && problem == null) {
                problem = Constants.STORE_RETENTION_PROPERTY_NAME + " = '" + retention.get() + "' is not a number of"
                        + " checks to keep; set it to 1 or more, or leave it unset to keep every check.";
            }
        }
        return new CheckRecorder(url, artifacts, maxSize, keep, problem);
    }

    /**
     * The setting from the launcher's parameters, else from a system property. The launcher already reads system
     * properties, but EngineTestKit does not by default; without this, a build that points the store at {@code target/}
     * with a system property would still have its EngineTestKit tests write into the project's {@code .reprounit/}.
     */
    private static Optional<String> setting(ConfigurationParameters parameters, String key) {
        return parameters.get(key).or(() -> Optional.ofNullable(System.getProperty(key)));
    }

    /**
     * Records that a check of {@code pipeline} starts. The store is written on its own thread: a store that cannot be
     * opened or written fails the check when it ends, after its steps' results.
     *
     * @throws StoreException naming the setting to change when a setting is wrong
     */
    CheckRecording start(PipelineDefinition pipeline, String mode) {
        if (problem != null) {
            throw new StoreException(problem);
        }
        ArtifactStore artifacts = artifacts(artifactsDirectory != null ? artifactsDirectory
                : StoreLocation.defaultArtifactsDirectory(url, Constants.ARTIFACTS_DIR_PROPERTY_NAME), maxSize);
        return new CheckRecording(this, store, pipeline, artifacts, mode);
    }

    /** The artifact store over {@code directory}, keeping no output larger than {@code maxSize} where it is set. */
    static ArtifactStore artifacts(Path directory, @Nullable String maxSize) {
        ArtifactStore store = new ArtifactStore(directory);
        return maxSize == null ? store : store.withMaxSize(ByteSize.parse(maxSize),
                Constants.ARTIFACTS_MAX_SIZE_PROPERTY_NAME + " = " + maxSize);
    }

    MetadataStore open() {
        return MetadataStore.open(url, Constants.STORE_URL_PROPERTY_NAME);
    }

    @Nullable Integer retention() {
        return retention;
    }

    /** Waits for the last writes and closes the store. */
    @Override
    public void close() {
        store.close();
    }
}
