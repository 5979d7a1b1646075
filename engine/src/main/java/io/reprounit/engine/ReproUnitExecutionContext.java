package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.compare.StepVerdict;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/**
 * What the nodes of one execution share: the services that check a pipeline and report its steps; below a pipeline,
 * also its check's outcome, which its step nodes report. Immutable: a pipeline's node hands its steps a copy.
 */
final class ReproUnitExecutionContext implements EngineExecutionContext {

    private final ExecutionServices services;
    private final @Nullable CheckedPipeline checked;

    ReproUnitExecutionContext(ExecutionServices services) {
        this(services, null);
    }

    private ReproUnitExecutionContext(ExecutionServices services, @Nullable CheckedPipeline checked) {
        this.services = requireNonNull(services);
        this.checked = checked;
    }

    ExecutionServices services() {
        return services;
    }

    /** This context, for the steps of a pipeline whose check ended as {@code checked} says. */
    ReproUnitExecutionContext with(CheckedPipeline checked) {
        return new ReproUnitExecutionContext(services, requireNonNull(checked));
    }

    /** The pipeline's check, once its node's {@code before} has run it; empty where it failed before it ended. */
    Optional<CheckedPipeline> checked() {
        return Optional.ofNullable(checked);
    }

    /** The verdict on {@code step} of the pipeline checked above it. */
    StepVerdict verdict(StepDescriptor step) {
        return checked().orElseThrow(() -> new IllegalStateException("Step " + step.getUniqueId()
                + " is reported before its pipeline was checked")).verdict(step.step().name());
    }
}
