package io.reprounit.store;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.ByteSize;
import io.reprounit.artifact.RemoteTierException;
import io.reprounit.artifact.s3.S3Settings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Where checks are recorded, read from {@link #URL_KEY}, {@link #ARTIFACTS_DIR_KEY}, {@link #ARTIFACTS_MAX_SIZE_KEY},
 * {@link #RETENTION_KEY} and {@link #DATA_SNAPSHOTS_KEY} (whether data sources are kept too), the same way for the engine and the Jupiter bridge. The key names are owned here, and
 * {@code io.reprounit.engine.Constants} documents them for users. A setting that is wrong is kept as a problem that
 * fails each check with a message naming it, rather than failing the whole engine, so that other engines' tests still
 * run.
 */
@API(status = INTERNAL, since = "0.1")
public record StoreSettings(String url, @Nullable Path artifactsDirectory, @Nullable String maxSize,
        @Nullable Integer retention, boolean dataSnapshots, @Nullable String problem,
        @Nullable S3Settings artifactsRemote) {

    public static final String URL_KEY = "reprounit.store.url";
    public static final String ARTIFACTS_DIR_KEY = "reprounit.artifacts.dir";
    public static final String ARTIFACTS_MAX_SIZE_KEY = "reprounit.artifacts.max-size";
    public static final String RETENTION_KEY = "reprounit.store.retention";
    /** The S3 bucket every artifact is kept in as well: see {@link ArtifactsRemote}. */
    public static final String ARTIFACTS_URL_KEY = "reprounit.artifacts.url";
    public static final String ARTIFACTS_S3_ENDPOINT_KEY = "reprounit.artifacts.s3.endpoint";
    public static final String ARTIFACTS_S3_REGION_KEY = "reprounit.artifacts.s3.region";
    public static final String ARTIFACTS_S3_PATH_STYLE_KEY = "reprounit.artifacts.s3.path-style";
    /** Owned by the fingerprinter, which keeps the snapshots; read here with the other settings of the artifact store. */
    public static final String DATA_SNAPSHOTS_KEY = io.reprounit.fingerprint.Fingerprinter.DATA_SNAPSHOTS_KEY;

    /** @param parameters the configuration parameters by key: the launcher's, Jupiter's, or system properties */
    public static StoreSettings from(Function<String, Optional<String>> parameters) {
        Optional<String> configuredUrl = parameters.apply(URL_KEY);
        Optional<String> configuredArtifacts = parameters.apply(ARTIFACTS_DIR_KEY);
        String problem = configuredUrl.flatMap(value -> pathProblem(URL_KEY, value))
                .or(() -> configuredArtifacts.flatMap(value -> pathProblem(ARTIFACTS_DIR_KEY, value)))
                .orElse(null);
        String url = configuredUrl.filter(value -> !value.isBlank()).map(String::strip)
                .orElseGet(() -> StoreLocation.defaultUrl(Path.of("").toAbsolutePath()));
        Path artifacts = problem != null ? null : configuredArtifacts.map(String::strip).map(Path::of).orElse(null);
        Optional<String> retention = parameters.apply(RETENTION_KEY).map(String::strip);
        String maxSize = parameters.apply(ARTIFACTS_MAX_SIZE_KEY).map(String::strip).orElse(null);
        Integer keep = null;
        if (maxSize != null && problem == null) {
            try {
                ByteSize.parse(maxSize);
            } catch (IllegalArgumentException e) {
                problem = ARTIFACTS_MAX_SIZE_KEY + " = " + e.getMessage() + "; or leave it unset to keep every output"
                        + " whatever its size.";
            }
        }
        if (retention.isPresent()) {
            try {
                keep = Integer.parseInt(retention.get());
            } catch (NumberFormatException e) {
                keep = 0;
            }
            if (keep < 1 && problem == null) {
                problem = RETENTION_KEY + " = '" + retention.get() + "' is not a number of checks to keep; set it to 1"
                        + " or more, or leave it unset to keep every check.";
            }
        }
        Optional<String> snapshots = parameters.apply(DATA_SNAPSHOTS_KEY).map(String::strip);
        boolean keepData = snapshots.map(value -> !value.equalsIgnoreCase("off")).orElse(true);
        if (snapshots.isPresent() && !snapshots.get().equalsIgnoreCase("on") && !snapshots.get().equalsIgnoreCase("off")
                && problem == null) {
            problem = "Configuration parameter " + DATA_SNAPSHOTS_KEY + " = '" + snapshots.get() + "' is neither on nor"
                    + " off; set it to off to keep no data source in the artifact store, or remove it to keep them all.";
        }
        S3Settings remote = null;
        try {
            remote = ArtifactsRemote.read(parameters);
        } catch (RemoteTierException e) {
            problem = problem != null ? problem : e.getMessage();
        }
        return new StoreSettings(url, artifacts, maxSize, keep, keepData, problem, remote);
    }

    /**
     * The artifact store these settings name, keeping no output larger than the maximum size where one is set.
     *
     * @throws StoreException naming the setting, where one is wrong
     */
    public ArtifactStore artifacts() {
        if (problem != null) {
            throw new StoreException(problem);
        }
        ArtifactStore store = ArtifactsRemote.with(new ArtifactStore(artifactsDirectory != null ? artifactsDirectory
                : StoreLocation.defaultArtifactsDirectory(url, ARTIFACTS_DIR_KEY)), artifactsRemote);
        return maxSize == null ? store : store.withMaxSize(ByteSize.parse(maxSize), ARTIFACTS_MAX_SIZE_KEY + " = "
                + maxSize);
    }

    /** Opens the metadata store these settings name. */
    public MetadataStore open() {
        return MetadataStore.open(url, URL_KEY);
    }

    /**
     * The one rule for settings that name where files go: an empty value is an error, not the working directory it
     * would resolve to, which under Maven is the module's root. Why {@code value} of {@code key} cannot say where files
     * go, or empty where it can.
     */
    public static Optional<String> pathProblem(String key, String value) {
        if (value.isBlank()) {
            return Optional.of("Configuration parameter " + key + " is empty, which would put files in the working"
                    + " directory (" + Path.of("").toAbsolutePath() + "); set it to where they should go, or remove it"
                    + " to use the default.");
        }
        if (key.equals(URL_KEY)) {
            return Optional.empty(); // a URL: the store says what is wrong with it, naming the key
        }
        try {
            Path.of(value.strip());
            return Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.of("Configuration parameter " + key + " = '" + value.replace("\0", "\\0") + "' is not a"
                    + " path: " + e.getReason() + "; set it to a directory, or remove it to use the default.");
        }
    }
}
