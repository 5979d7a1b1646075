package io.reprounit.check;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Materializers;
import io.reprounit.baseline.Baseline;
import io.reprounit.compare.BaselineComparator;
import io.reprounit.compare.CheckResult;
import io.reprounit.compare.RunComparator;
import io.reprounit.compare.StepVerdict;
import io.reprounit.fingerprint.Fingerprinter;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.StepDefinition;
import io.reprounit.run.CheckPlan;
import io.reprounit.run.CheckRunner;
import io.reprounit.run.Run;
import io.reprounit.run.RunSettings;
import io.reprounit.store.RecordedVerdict;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Checks pipelines: plans each check from the {@link RunSettings} and the pipeline's annotation, produces its runs
 * ({@link CheckRunner}: same JVM or forked, variations, replay of diverged steps), compares them
 * ({@link RunComparator}, with what the investigation found) and, where a baseline is given, compares the check with it
 * ({@link BaselineComparator}). The engine and {@code ReproUnit.check} both call it, so a pipeline gets the same
 * verdicts from either. Thread-safe: pipelines may be checked in parallel.
 */
@API(status = INTERNAL, since = "0.1")
public final class CheckService {

    /** Told of each run and step of a check as it goes, and where its runs keep their outputs. */
    public interface Recording extends CheckRunner.Recording {
        /** Where each run keeps its outputs as it digests them; null to keep none. */
        @Nullable ArtifactStore artifacts();
    }

    /** A recording that records nothing and keeps no output. */
    public static final Recording NOT_RECORDED = new Recording() {
        @Override
        public void runStarting(int number) {}

        @Override
        public Run runFinished(Run run) {
            return run;
        }

        @Override
        public @Nullable ArtifactStore artifacts() {
            return null;
        }
    };

    private final RunSettings settings;
    private final Materializers materializers;
    private final Fingerprinter fingerprinter;

    public CheckService(RunSettings settings, Materializers materializers, Fingerprinter fingerprinter) {
        this.settings = requireNonNull(settings);
        this.materializers = requireNonNull(materializers);
        this.fingerprinter = requireNonNull(fingerprinter);
    }

    /**
     * The plan of {@code pipeline}'s check, before anything runs or is recorded.
     *
     * @throws IllegalArgumentException naming the setting, where one is wrong
     */
    public CheckPlan plan(PipelineDefinition pipeline) {
        return settings.plan(pipeline);
    }

    /** Starts what a check of {@code pipeline} needs in the background (its fingerprints), before it runs. */
    public void prepare(PipelineDefinition pipeline) {
        fingerprinter.prepare(pipeline);
    }

    /**
     * Checks the steps {@code selected} and every step they need, as {@code plan} says, comparing {@code runs} runs.
     *
     * @param expected the baseline to compare the check with, or null to compare its runs only
     */
    public Check check(PipelineDefinition pipeline, Collection<String> selected, CheckPlan plan, int runs,
            @Nullable Baseline expected, Recording recording) {
        List<StepDefinition> steps = pipeline.stepsNeededFor(selected);
        CheckRunner.Result produced = new CheckRunner(pipeline, steps, materializers, fingerprinter, plan,
                recording.artifacts(), runs).run(recording);
        CheckResult result = RunComparator.compare(steps, produced.runs()).withFindings(produced.findings());
        if (expected == null) {
            return new Check(steps, produced.runs(), result, null, produced.forkedRuns());
        }
        // Built as the engine builds the baseline it writes, so that both sides are compared in the same portable form.
        Baseline received = Baseline.of(pipeline, produced.runs(), Path.of("").toAbsolutePath());
        return new Check(steps, produced.runs(), BaselineComparator.compare(steps, result, expected, received), received,
                produced.forkedRuns());
    }

    /** The verdicts as the metadata store records them. */
    public static List<RecordedVerdict> recorded(List<StepVerdict> verdicts) {
        return verdicts.stream().map(CheckService::recorded).toList();
    }

    private static RecordedVerdict recorded(StepVerdict verdict) {
        return new RecordedVerdict(verdict.step(), verdict.verdict().name(), verdict.explanation(), verdict.culprits());
    }

    /**
     * A check once compared.
     *
     * @param steps    the steps checked, in topological order: the selected ones and every one they need
     * @param runs     the runs compared, run 1 first
     * @param received the baseline this check would record, where it was compared with one
     * @param forkedRuns how many forked JVMs the check started, its investigation's included; 0 in the same JVM
     */
    public record Check(List<StepDefinition> steps, List<Run> runs, CheckResult result, @Nullable Baseline received,
            int forkedRuns) {

        public Check {
            steps = List.copyOf(steps);
            runs = List.copyOf(runs);
            requireNonNull(result);
        }
    }
}
