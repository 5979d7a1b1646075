package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.Materializers;
import io.reprounit.compare.RunComparator;
import io.reprounit.fingerprint.Fingerprinter;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.StepDefinition;
import io.reprounit.run.CheckPlan;
import io.reprounit.run.CheckRunner;
import io.reprounit.run.Run;
import io.reprounit.run.RunSettings;
import java.util.List;
import org.junit.platform.engine.EngineExecutionListener;

/**
 * Checks one pipeline for its node: every run of the steps its selected steps need, their comparison, and the
 * baseline's, recorded in the metadata store as it goes. Thread-safe: pipelines may be checked in parallel.
 */
final class CheckExecutor {

    private final EngineExecutionListener listener;
    private final Materializers materializers;
    private final Fingerprinter fingerprinter;
    private final BaselineReporting baselines;
    private final CheckRecorder recorder;
    private final RunSettings runSettings;

    CheckExecutor(EngineExecutionListener listener, Materializers materializers, Fingerprinter fingerprinter,
            BaselineReporting baselines, CheckRecorder recorder, RunSettings runSettings) {
        this.listener = requireNonNull(listener);
        this.materializers = requireNonNull(materializers);
        this.fingerprinter = requireNonNull(fingerprinter);
        this.baselines = requireNonNull(baselines);
        this.recorder = requireNonNull(recorder);
        this.runSettings = requireNonNull(runSettings);
    }

    /** Starts what every check of these pipelines needs in the background, before the first one runs. */
    void prepare(List<PipelineDescriptor> pipelines) {
        pipelines.forEach(pipeline -> fingerprinter.prepare(pipeline.pipeline()));
    }

    /**
     * Runs the check and compares its runs; the recording stays open until {@link CheckedPipeline#finish}, after the
     * steps are reported. A check that fails before it ends has nothing to report: its recording is closed here.
     */
    CheckedPipeline check(PipelineDescriptor descriptor) {
        PipelineDefinition pipeline = descriptor.pipeline();
        List<StepDefinition> needed = pipeline.stepsNeededFor(descriptor.getChildren().stream()
                .map(child -> ((StepDescriptor) child).step().name()).toList());
        // Planned before the check is recorded, so that a bad isolation or variation setting records nothing.
        CheckPlan plan = runSettings.plan(pipeline);
        CheckRecording recording = recorder.start(pipeline, plan.isForked() ? "forked" : "repeat");
        try {
            CheckRunner.Result produced = new CheckRunner(pipeline, needed, materializers, fingerprinter, plan,
                    recording.artifacts()).run(recording.asRunnerRecording());
            List<Run> runs = produced.runs();
            listener.reportingEntryPublished(descriptor, FingerprintEntries.of(runs.get(0).fingerprint()));
            return new CheckedPipeline(baselines.apply(descriptor, needed, runs,
                    RunComparator.compare(needed, runs).withFindings(produced.findings())), recording);
        } catch (RuntimeException | Error e) {
            recording.close();
            throw e;
        }
    }
}
