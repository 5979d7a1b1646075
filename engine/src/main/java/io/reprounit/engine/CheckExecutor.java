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
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.commons.util.UnrecoverableExceptions;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;

/**
 * Executes the selected pipelines: for each, every run of the steps the selected steps need, then one verdict per
 * selected step, reported as that step's test result.
 */
final class CheckExecutor {

    private final EngineExecutionListener listener;
    private final Materializers materializers;
    private final Fingerprinter fingerprinter;
    private final BaselineCheck baselines;
    private final CheckRecorder recorder;
    private final RunSettings runSettings;

    CheckExecutor(EngineExecutionListener listener, Materializers materializers, Fingerprinter fingerprinter,
            BaselineCheck baselines, CheckRecorder recorder, RunSettings runSettings) {
        this.listener = requireNonNull(listener);
        this.materializers = requireNonNull(materializers);
        this.fingerprinter = requireNonNull(fingerprinter);
        this.baselines = requireNonNull(baselines);
        this.recorder = requireNonNull(recorder);
        this.runSettings = requireNonNull(runSettings);
    }

    void execute(TestDescriptor engine) {
        listener.executionStarted(engine);
        engine.getChildren().forEach(child -> fingerprinter.prepare(((PipelineDescriptor) child).pipeline()));
        for (TestDescriptor child : engine.getChildren()) {
            execute((PipelineDescriptor) child);
        }
        listener.executionFinished(engine, TestExecutionResult.successful());
    }

    private void execute(PipelineDescriptor descriptor) {
        listener.executionStarted(descriptor);
        List<StepDescriptor> selected = new ArrayList<>();
        descriptor.getChildren().forEach(child -> selected.add((StepDescriptor) child));
        try {
            PipelineDefinition pipeline = descriptor.pipeline();
            List<StepDefinition> needed = pipeline.stepsNeededFor(selected.stream().map(s -> s.step().name()).toList());
            // Planned before the check is recorded, so that a bad isolation or variation setting records nothing.
            CheckPlan plan = runSettings.plan(pipeline);
            try (CheckRecording recording = recorder.start(pipeline, plan.isForked() ? "forked" : "repeat")) {
                check(descriptor, selected, needed, plan, recording);
            }
        } catch (Throwable t) {
            UnrecoverableExceptions.rethrowIfUnrecoverable(t);
            listener.executionFinished(descriptor, TestExecutionResult.failed(t));
        }
    }

    private void check(PipelineDescriptor descriptor, List<StepDescriptor> selected, List<StepDefinition> needed,
            CheckPlan plan, CheckRecording recording) {
        PipelineDefinition pipeline = descriptor.pipeline();
        CheckRunner runner = new CheckRunner(pipeline, needed, materializers, fingerprinter, plan, recording.artifacts());
        CheckRunner.Result produced = runner.run(new CheckRunner.Recording() {
            @Override
            public void runStarting(int number) {
                recording.runStarting(number);
            }

            @Override
            public Run runFinished(Run run) {
                return recording.runFinished(run);
            }

            @Override
            public void stepStarting(int run, String step) {
                recording.stepStarting(run, step);
            }

            @Override
            public void stepFinished(int run, String step) {
                recording.stepFinished();
            }
        });
        List<Run> runs = produced.runs();
        listener.reportingEntryPublished(descriptor, FingerprintEntries.of(runs.get(0).fingerprint()));
        BaselineCheck.Outcome outcome = baselines.apply(descriptor, needed, runs,
                RunComparator.compare(needed, runs).withFindings(produced.findings()));
        StepReporter reporter = new StepReporter(listener);
        for (StepDescriptor step : selected) {
            reporter.report(step, outcome.result().verdict(step.step().name()).orElseThrow());
        }
        recording.checked(outcome.result()); // after the steps' results, so that a store failure hides none
        listener.executionFinished(descriptor, outcome.pipelineFailure().map(TestExecutionResult::failed)
                .orElseGet(TestExecutionResult::successful));
    }
}
