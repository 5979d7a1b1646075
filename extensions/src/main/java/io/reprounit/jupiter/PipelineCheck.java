package io.reprounit.jupiter;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.reprounit.baseline.Baseline;
import io.reprounit.compare.CheckResult;
import io.reprounit.compare.StepVerdict;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.run.Run;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The result of {@link ReproUnit#check}: the verdict on every step, in topological order, with the runs behind it. Assert
 * on it with {@code io.reprounit.assertj.ReproUnitAssertions.assertThat(check)}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PipelineCheck {

    private final PipelineDefinition pipeline;
    private final List<Run> runs;
    private final CheckResult result;
    private final @Nullable Baseline expected;
    private final @Nullable Baseline received;
    private final List<StepCheck> steps;

    PipelineCheck(PipelineDefinition pipeline, List<Run> runs, CheckResult result, @Nullable Baseline expected,
            @Nullable Baseline received) {
        this.pipeline = requireNonNull(pipeline);
        this.runs = List.copyOf(runs);
        this.result = requireNonNull(result);
        this.expected = expected;
        this.received = received;
        this.steps = result.verdicts().stream().map(this::stepCheck).toList();
    }

    private StepCheck stepCheck(StepVerdict verdict) {
        return new StepCheck(verdict, runs, expected == null ? null : expected.step(verdict.step()).orElse(null),
                received == null ? null : received.step(verdict.step()).orElse(null),
                expected == null || received == null ? null : received.runParts().changesSince(expected.runParts()));
    }

    /** The pipeline's name: {@code @ReproducibleRun(name)} or the class's simple name. */
    public String pipelineName() {
        return pipeline.name();
    }

    public Class<?> pipelineClass() {
        return pipeline.pipelineClass();
    }

    /** Whether every step reproduced (and matched the baseline, where one was given). */
    public boolean isReproducible() {
        return result.isReproducible();
    }

    /** Every step's result, in topological order. */
    public List<StepCheck> steps() {
        return steps;
    }

    public Optional<StepCheck> step(String name) {
        return steps.stream().filter(step -> step.name().equals(name)).findFirst();
    }

    /** The steps names, in topological order. */
    public List<String> stepNames() {
        return steps.stream().map(StepCheck::name).toList();
    }

    /** The runs compared, first run first. */
    public List<Run> runs() {
        return runs;
    }

    /** What the first run as a whole depended on: environment, commit, classpath jars, configuration file. */
    public Fingerprint runFingerprint() {
        return runs.get(0).fingerprint();
    }

    /** The engine's own result, for code that works with the core types. */
    public CheckResult result() {
        return result;
    }

    /** The baseline the check was compared with, where one was given. */
    public Optional<Baseline> baseline() {
        return Optional.ofNullable(expected);
    }

    /**
     * The baseline this check would record, built from its runs as the engine builds it: write it with
     * {@link io.reprounit.baseline.BaselineYaml#write(Baseline)} to start a baseline file, or give it to a later check
     * through {@link CheckOptions#against}.
     */
    public Baseline toBaseline() {
        return received != null ? received : Baseline.of(pipeline, runs, java.nio.file.Path.of("").toAbsolutePath());
    }

    /** One line per step: its name and verdict. */
    @Override
    public String toString() {
        return pipeline.name() + " (" + runs.size() + " runs): " + steps.stream()
                .map(step -> step.name() + " " + step.verdict()).collect(Collectors.joining(", "));
    }
}
