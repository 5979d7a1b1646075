package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.check.CheckService;
import io.reprounit.check.RecordedBaseline;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.run.CheckPlan;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * Checks one pipeline for its node through the core's {@link CheckService}: every run of the steps its selected steps
 * need and their comparison, recorded in the metadata store as it goes; then the baseline's, and the report entries.
 * Thread-safe: pipelines may be checked in parallel.
 */
final class CheckExecutor {

    /** The pipeline's report entry that says how many forked JVMs its check started, investigation included. */
    static final String FORKED_RUNS_KEY = "reprounit.forked.runs";

    private final EngineExecutionListener listener;
    private final CheckService checks;
    private final BaselineReporting baselines;
    private final CheckRecorder recorder;
    private final AgainstChecks against;

    CheckExecutor(EngineExecutionListener listener, CheckService checks, BaselineReporting baselines,
            CheckRecorder recorder, AgainstChecks against) {
        this.listener = requireNonNull(listener);
        this.checks = requireNonNull(checks);
        this.baselines = requireNonNull(baselines);
        this.recorder = requireNonNull(recorder);
        this.against = requireNonNull(against);
    }

    /** Why {@code pipeline} is not checked at all, where it is not: a recorded check of another pipeline is given. */
    Optional<String> skipReason(PipelineDefinition pipeline) {
        return against.skipReason(pipeline);
    }

    /** Starts what every check of these pipelines needs in the background, before the first one runs. */
    void prepare(List<PipelineDescriptor> pipelines) {
        pipelines.forEach(pipeline -> checks.prepare(pipeline.pipeline()));
    }

    /**
     * Runs the check and compares its runs; the recording stays open until {@link CheckedPipeline#finish}, after the
     * steps are reported. A check that fails before it ends has nothing to report: its recording is closed here.
     */
    CheckedPipeline check(PipelineDescriptor descriptor) {
        PipelineDefinition pipeline = descriptor.pipeline();
        List<String> selected = descriptor.getChildren().stream()
                .map(child -> ((StepDescriptor) child).step().name()).toList();
        // Planned, and the recorded check to compare with read, before the check is recorded, so that a bad
        // isolation, variation or against setting records nothing.
        CheckPlan plan = checks.plan(pipeline);
        Optional<RecordedBaseline> recorded = against.recordedFor(pipeline);
        CheckRecording recording = recorder.start(pipeline, plan.isForked() ? "forked" : "repeat",
                recorded.map(RecordedBaseline::check).orElse(null));
        try {
            CheckService.Check check = checks.check(pipeline, selected, plan, pipeline.runs(), null,
                    recording.asRunnerRecording());
            listener.reportingEntryPublished(descriptor, FingerprintEntries.of(check.runs().get(0).fingerprint()));
            if (plan.isForked()) {
                listener.reportingEntryPublished(descriptor,
                        ReportEntry.from(FORKED_RUNS_KEY, String.valueOf(check.forkedRuns())));
            }
            return new CheckedPipeline(baselines.apply(descriptor, check.steps(), check.runs(), check.result(),
                    recorded),
                    recording);
        } catch (RuntimeException | Error e) {
            recording.close();
            throw e;
        }
    }
}
