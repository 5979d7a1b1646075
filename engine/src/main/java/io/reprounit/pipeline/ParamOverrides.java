package io.reprounit.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Values that override a pipeline's configuration for one step's parameter, for quick experiments without editing the
 * YAML file; the engine reads them from system properties {@code reprounit.param.<pipeline>.<step>.<key>}.
 */
@FunctionalInterface
@API(status = INTERNAL, since = "0.1")
public interface ParamOverrides {

    ParamOverrides NONE = (pipeline, step, key) -> Optional.empty();

    /** The overriding value in YAML syntax, such as {@code 12} or {@code [a, b]}, and the setting it came from. */
    Optional<Override> find(String pipeline, String step, String key);

    /**
     * Every override given for {@code pipeline}, by what its name ends with, {@code <step>.<key>}, so that one naming
     * no parameter is reported; none where the overrides were only passed on, as to a forked JVM.
     */
    default Map<String, Override> forPipeline(String pipeline) {
        return Map.of();
    }

    /**
     * The overrides among a launch's settings.
     *
     * @param prefix the start of every override's name, such as {@code reprounit.param.}
     * @param settings setting name to value, for every setting whose name starts with {@code prefix}
     */
    static ParamOverrides of(String prefix, Map<String, String> settings) {
        return new SettingOverrides(prefix, settings);
    }

    /** The overrides among this JVM's system properties: those named {@value #PREFIX}{@code <pipeline>.<step>.<key>}. */
    static ParamOverrides fromSystemProperties() {
        Map<String, String> settings = new java.util.TreeMap<>();
        System.getProperties().forEach((key, value) -> {
            if (key instanceof String name && name.startsWith(PREFIX) && value instanceof String text) {
                settings.put(name, text);
            }
        });
        return of(PREFIX, settings);
    }

    /** How the settings that override a step's {@code @Param} begin. */
    String PREFIX = "reprounit.param.";

    /** @param setting where the value was set, for messages and fingerprints, such as the system property's name */
    record Override(String setting, String yaml) {}
}
