package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.compare.StepVerdict;
import java.util.List;
import java.util.Optional;

/**
 * One pipeline's check once its runs are compared: the verdicts its steps report, and its recording, to finish after
 * them.
 */
final class CheckedPipeline {

    private final BaselineReporting.Outcome outcome;
    private final CheckRecording recording;

    CheckedPipeline(BaselineReporting.Outcome outcome, CheckRecording recording) {
        this.outcome = requireNonNull(outcome);
        this.recording = requireNonNull(recording);
    }

    StepVerdict verdict(String step) {
        return outcome.result().verdict(step).orElseThrow();
    }

    /** The verdict on every step the check ran, the selected ones and those they need, in the order they ran. */
    List<StepVerdict> verdicts() {
        return outcome.result().verdicts();
    }

    /** The report entries {@code step} adds to its own: its result against a recorded check, where it has one. */
    java.util.Map<String, String> entries(String step) {
        return outcome.stepEntries().getOrDefault(step, java.util.Map.of());
    }

    /** What the summary says of the baseline: written, what changed, the received file, or why it was not checked. */
    List<String> notes() {
        return outcome.notes();
    }

    /** Why the pipeline as a whole fails, where it does: its baseline, for one. */
    Optional<Throwable> pipelineFailure() {
        return outcome.pipelineFailure();
    }

    /**
     * Records the verdicts, after the steps' results so that a store failure hides none, then fails the pipeline where
     * the store or the baseline says it fails.
     */
    void finish() throws Exception {
        try {
            recording.checked(outcome.result(), outcome.differingParts());
        } finally {
            recording.close();
        }
        if (outcome.pipelineFailure().isPresent()) {
            throw Failures.asThrowable(outcome.pipelineFailure().get());
        }
    }
}
