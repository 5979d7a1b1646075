package io.reprounit.engine;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one rule for settings that name where files go ({@link Constants#BASELINE_DIR_PROPERTY_NAME},
 * {@link Constants#ARTIFACTS_DIR_PROPERTY_NAME}, {@link Constants#STORE_URL_PROPERTY_NAME}): an empty value is an
 * error, not the working directory it would resolve to, which under Maven is the module's root.
 */
final class PathSettings {

    private PathSettings() {}

    /** Why {@code value} of {@code key} cannot say where files go, or empty where it can. */
    static Optional<String> problem(String key, String value) {
        if (value.isBlank()) {
            return Optional.of("Configuration parameter " + key + " is empty, which would put files in the working"
                    + " directory (" + Path.of("").toAbsolutePath() + "); set it to where they should go, or remove it"
                    + " to use the default.");
        }
        if (key.equals(Constants.STORE_URL_PROPERTY_NAME)) {
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
