package io.reprounit.baseline;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.api.BaselineMode;
import io.reprounit.pipeline.PipelineDefinition;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The baseline settings of one execution: the configured mode, the directory, and whether this is CI, where every mode
 * but {@code none} is {@code verify} and asking to update is an error, since a CI build that rewrites its own
 * expectations can never fail.
 *
 * @param keys the names of the settings, owned by the engine's constants, for messages
 */
@API(status = INTERNAL, since = "0.1")
public record BaselineSettings(BaselineMode configured, Path directory, boolean ci, Optional<String> problem,
        Keys keys) {

    /** The names of the configuration parameters (the mode, the directory, whether this is CI); the default directory. */
    public record Keys(String mode, String directory, String defaultDirectory, String ci) {}

    /**
     * @param parameters the value of a configuration parameter by its name
     * @param environment the value of an environment variable by its name ({@code CI})
     * @param pathProblem why a value of a setting cannot name a directory, where it cannot
     */
    public static BaselineSettings from(Function<String, Optional<String>> parameters, Keys keys,
            Function<String, @Nullable String> environment, BiFunction<String, String, Optional<String>> pathProblem) {
        boolean ci = parameters.apply(keys.ci()).map(value -> Boolean.parseBoolean(value.strip()))
                .orElseGet(() -> "true".equalsIgnoreCase(environment.apply("CI")));
        String configuredDirectory = parameters.apply(keys.directory()).orElse(keys.defaultDirectory());
        Optional<String> directoryProblem = pathProblem.apply(keys.directory(), configuredDirectory);
        Path directory = Path.of(directoryProblem.isPresent() ? keys.defaultDirectory() : configuredDirectory);
        if (directoryProblem.isPresent()) {
            return new BaselineSettings(BaselineMode.RECORD_MISSING, directory, ci, directoryProblem, keys);
        }
        Optional<String> value = parameters.apply(keys.mode());
        if (value.isEmpty()) {
            return new BaselineSettings(BaselineMode.RECORD_MISSING, directory, ci, Optional.empty(), keys);
        }
        String normalized = value.get().strip().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            BaselineMode mode = BaselineMode.valueOf(normalized);
            if (mode != BaselineMode.CONFIGURED) {
                return new BaselineSettings(mode, directory, ci, Optional.empty(), keys);
            }
        } catch (IllegalArgumentException e) {
            // Reported below, with the values that are allowed.
        }
        return new BaselineSettings(BaselineMode.RECORD_MISSING, directory, ci, Optional.of("Configuration parameter "
                + keys.mode() + " = '" + value.get() + "' is not a baseline mode; use verify, update, record-missing"
                + " or none"), keys);
    }

    /** The mode a pipeline is checked in, or why it cannot be checked at all. */
    public Resolved resolve(PipelineDefinition pipeline) {
        if (problem.isPresent()) {
            return new Resolved(BaselineMode.NONE, problem);
        }
        boolean fromAnnotation = pipeline.baselineMode() != BaselineMode.CONFIGURED;
        BaselineMode requested = fromAnnotation ? pipeline.baselineMode() : configured;
        if (!ci || requested == BaselineMode.NONE) {
            return new Resolved(requested, Optional.empty());
        }
        if (requested == BaselineMode.UPDATE) {
            String setting = fromAnnotation ? "@ReproducibleRun(baseline = UPDATE) on "
                    + pipeline.pipelineClass().getName() : keys.mode() + "=update";
            return new Resolved(BaselineMode.NONE, Optional.of(setting + " asks to rewrite baselines, but this is a CI"
                    + " build (CI=true), which only verifies them. Update baselines on your machine, review them and"
                    + " commit them; or set " + keys.ci() + "=false if this is not CI."));
        }
        return new Resolved(BaselineMode.VERIFY, Optional.empty());
    }

    /** The effective mode; with an error, the pipeline fails with it and no baseline is read or written. */
    public record Resolved(BaselineMode mode, Optional<String> error) {}
}
