package io.reprounit.pipeline;

import java.util.Optional;

/**
 * Values that override a pipeline's configuration for one step's parameter, for quick experiments without editing the
 * YAML file; the engine reads them from system properties {@code reprounit.param.<pipeline>.<step>.<key>}.
 */
@FunctionalInterface
public interface ParamOverrides {

    ParamOverrides NONE = (pipeline, step, key) -> Optional.empty();

    /** The overriding value in YAML syntax, such as {@code 12} or {@code [a, b]}, and the setting it came from. */
    Optional<Override> find(String pipeline, String step, String key);

    /** @param setting where the value was set, for messages and fingerprints, such as the system property's name */
    record Override(String setting, String yaml) {}
}
