package io.reprounit.engine;

import io.reprounit.api.BaselineMode;
import io.reprounit.pipeline.PipelineDefinition;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The baseline settings of one execution: the configured mode, the directory, and whether this is CI, where every mode
 * but {@code none} is {@code verify} and asking to update is an error, since a CI build that rewrites its own
 * expectations can never fail.
 */
record BaselineSettings(BaselineMode configured, Path directory, boolean ci, Optional<String> problem) {

    static BaselineSettings from(ConfigurationParameters parameters, Function<String, String> environment) {
        boolean ci = parameters.getBoolean(Constants.CI_PROPERTY_NAME)
                .orElseGet(() -> "true".equalsIgnoreCase(environment.apply("CI")));
        String configuredDirectory = parameters.get(Constants.BASELINE_DIR_PROPERTY_NAME)
                .orElse(Constants.DEFAULT_BASELINE_DIR);
        Optional<String> directoryProblem = PathSettings.problem(Constants.BASELINE_DIR_PROPERTY_NAME,
                configuredDirectory);
        Path directory = Path.of(directoryProblem.isPresent() ? Constants.DEFAULT_BASELINE_DIR : configuredDirectory);
        if (directoryProblem.isPresent()) {
            return new BaselineSettings(BaselineMode.RECORD_MISSING, directory, ci, directoryProblem);
        }
        Optional<String> value = parameters.get(Constants.BASELINE_MODE_PROPERTY_NAME);
        if (value.isEmpty()) {
            return new BaselineSettings(BaselineMode.RECORD_MISSING, directory, ci, Optional.empty());
        }
        String normalized = value.get().strip().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            BaselineMode mode = BaselineMode.valueOf(normalized);
            if (mode != BaselineMode.CONFIGURED) {
                return new BaselineSettings(mode, directory, ci, Optional.empty());
            }
        } catch (IllegalArgumentException e) {
            // Reported below, with the values that are allowed.
        }
        return new BaselineSettings(BaselineMode.RECORD_MISSING, directory, ci, Optional.of("Configuration parameter "
                + Constants.BASELINE_MODE_PROPERTY_NAME + " = '" + value.get() + "' is not a baseline mode; use verify,"
                + " update, record-missing or none"));
    }

    /** The mode a pipeline is checked in, or why it cannot be checked at all. */
    Resolved resolve(PipelineDefinition pipeline) {
        if (problem.isPresent()) {
            return new Resolved(BaselineMode.NONE, problem);
        }
        boolean fromAnnotation = pipeline.baselineMode() != BaselineMode.CONFIGURED;
        BaselineMode requested = fromAnnotation ? pipeline.baselineMode() : configured;
        if (!ci || requested == BaselineMode.NONE) {
            return new Resolved(requested, Optional.empty());
        }
        if (requested == BaselineMode.UPDATE) {
            String setting = fromAnnotation ? "@ReproducibleRun(baseline = UPDATE) on " + pipeline.pipelineClass().getName()
                    : Constants.BASELINE_MODE_PROPERTY_NAME + "=update";
            return new Resolved(BaselineMode.NONE, Optional.of(setting + " asks to rewrite baselines, but this is a CI"
                    + " build (CI=true), which only verifies them. Update baselines on your machine, review them and"
                    + " commit them; or set " + Constants.CI_PROPERTY_NAME + "=false if this is not CI."));
        }
        return new Resolved(BaselineMode.VERIFY, Optional.empty());
    }

    /** The effective mode; with an error, the pipeline fails with it and no baseline is read or written. */
    record Resolved(BaselineMode mode, Optional<String> error) {}
}
