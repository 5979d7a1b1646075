package io.reprounit.engine;

import io.reprounit.store.StoreSettings;
import java.util.Optional;

/**
 * The one rule for settings that name where files go ({@link Constants#BASELINE_DIR_PROPERTY_NAME},
 * {@link Constants#ARTIFACTS_DIR_PROPERTY_NAME}, {@link Constants#STORE_URL_PROPERTY_NAME}), kept by the core's
 * {@link StoreSettings#pathProblem}.
 */
final class PathSettings {

    private PathSettings() {}

    /** Why {@code value} of {@code key} cannot say where files go, or empty where it can. */
    static Optional<String> problem(String key, String value) {
        return StoreSettings.pathProblem(key, value);
    }
}
