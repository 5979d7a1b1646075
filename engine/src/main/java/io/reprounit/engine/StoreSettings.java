package io.reprounit.engine;

import io.reprounit.artifact.ByteSize;
import io.reprounit.store.StoreLocation;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * Where an execution records its checks, read from {@link Constants#STORE_URL_PROPERTY_NAME},
 * {@link Constants#ARTIFACTS_DIR_PROPERTY_NAME}, {@link Constants#ARTIFACTS_MAX_SIZE_PROPERTY_NAME} and
 * {@link Constants#STORE_RETENTION_PROPERTY_NAME}. A setting that is wrong is kept as a problem that fails each
 * pipeline with a message naming it, rather than failing the whole engine, so that other engines' tests still run.
 */
record StoreSettings(String url, @Nullable Path artifactsDirectory, @Nullable String maxSize, @Nullable Integer retention,
        @Nullable String problem) {

    static StoreSettings from(ConfigurationParameters parameters) {
        Optional<String> configuredUrl = parameters.get(Constants.STORE_URL_PROPERTY_NAME);
        Optional<String> configuredArtifacts = parameters.get(Constants.ARTIFACTS_DIR_PROPERTY_NAME);
        String problem = configuredUrl.flatMap(value -> PathSettings.problem(Constants.STORE_URL_PROPERTY_NAME, value))
                .or(() -> configuredArtifacts.flatMap(value -> PathSettings.problem(
                        Constants.ARTIFACTS_DIR_PROPERTY_NAME, value)))
                .orElse(null);
        String url = configuredUrl.filter(value -> !value.isBlank()).map(String::strip)
                .orElseGet(() -> StoreLocation.defaultUrl(Path.of("").toAbsolutePath()));
        Path artifacts = problem != null ? null : configuredArtifacts.map(String::strip).map(Path::of).orElse(null);
        Optional<String> retention = parameters.get(Constants.STORE_RETENTION_PROPERTY_NAME).map(String::strip);
        String maxSize = parameters.get(Constants.ARTIFACTS_MAX_SIZE_PROPERTY_NAME).map(String::strip)
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
        return new StoreSettings(url, artifacts, maxSize, keep, problem);
    }
}
