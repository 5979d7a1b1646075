package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.Artifact;
import io.reprounit.compare.StepVerdict;
import io.reprounit.run.StepExecution;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Turns a step's verdict into its test result: reproduced passes; diverged fails with the two outputs as expected and
 * actual, so that an IDE opens its diff view; tainted is aborted, naming the culprit upstream; a step that threw fails with
 * what it threw; a step that could not run is skipped. Digests and sizes go out as report entries.
 */
final class StepReporter {

    private final EngineExecutionListener listener;

    StepReporter(EngineExecutionListener listener) {
        this.listener = requireNonNull(listener);
    }

    void report(StepDescriptor descriptor, StepVerdict verdict) {
        if (verdict.verdict() == io.reprounit.compare.Verdict.NOT_RUN) {
            listener.executionSkipped(descriptor, verdict.explanation());
            return;
        }
        listener.executionStarted(descriptor);
        listener.reportingEntryPublished(descriptor, ReportEntry.from(entries(verdict)));
        verdict.executions().stream().findFirst().ifPresent(first ->
                listener.reportingEntryPublished(descriptor, FingerprintEntries.of(first.fingerprint())));
        listener.executionFinished(descriptor, result(verdict));
    }

    private static TestExecutionResult result(StepVerdict verdict) {
        return switch (verdict.verdict()) {
            case REPRODUCED -> TestExecutionResult.successful();
            case DIVERGED, CHANGED -> TestExecutionResult.failed(new AssertionFailedError(verdict.explanation(),
                    shown(verdict.expected(), "run 1"), shown(verdict.actual(), "a later run")));
            case TAINTED -> TestExecutionResult.aborted(new TestAbortedException(verdict.explanation()));
            case FAILED -> TestExecutionResult.failed(failure(verdict));
            case NOT_RUN -> throw new IllegalStateException("A step that did not run is skipped, not finished");
        };
    }

    /** What the step threw, as it threw it where it threw in every run; wrapped where it threw only in some. */
    private static Throwable failure(StepVerdict verdict) {
        Throwable thrown = verdict.failureCause().orElseThrow();
        boolean everyRun = verdict.executions().stream().allMatch(e -> e.status() == StepExecution.Status.FAILED);
        return everyRun ? thrown : new AssertionFailedError(verdict.explanation(), thrown);
    }

    private static String shown(StepVerdict.Rendering rendering, String which) {
        if (rendering == null) {
            return "(no output from " + which + ")";
        }
        return rendering.digest() + " (" + rendering.size() + " bytes)\n" + rendering.text();
    }

    private static Map<String, String> entries(StepVerdict verdict) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("reprounit.verdict", verdict.verdict().name());
        entries.put("reprounit.explanation", verdict.explanation());
        String firstDigest = null;
        boolean allSame = true;
        for (StepExecution execution : verdict.executions()) {
            String digest = execution.output().map(Artifact::digest).orElse(null);
            if (firstDigest == null) {
                firstDigest = digest;
            } else if (digest != null && !digest.equals(firstDigest)) {
                allSame = false;
            }
        }
        int run = 1;
        for (StepExecution execution : verdict.executions()) {
            String prefix = allSame ? "reprounit.output" : "reprounit.run." + run + ".output";
            execution.output().ifPresent(output -> {
                entries.put(prefix + ".digest", output.digest());
                entries.put(prefix + ".size", Long.toString(output.size()));
                entries.put(prefix + ".mediaType", output.mediaType());
            });
            if (allSame && execution.output().isPresent()) {
                break;
            }
            run++;
        }
        return entries;
    }
}
