package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.Normalization;
import io.reprounit.compare.StepVerdict;
import io.reprounit.compare.Verdict;
import io.reprounit.run.StepExecution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.reporting.ReportEntry;
import org.jspecify.annotations.Nullable;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Turns a step's verdict into its test result, in one place: reproduced passes; diverged or changed fails with the
 * outputs as expected and actual, so that an IDE opens its diff view, and the whole of each differing output published
 * as a file; tainted is aborted, naming the culprit upstream; a step that threw fails with what it threw; a step that
 * could not run is skipped. Digests and sizes go out as report entries.
 */
final class StepReporter {

    private final EngineExecutionListener listener;
    private final StepEvidence evidence;

    StepReporter(EngineExecutionListener listener, StepEvidence evidence) {
        this.listener = requireNonNull(listener);
        this.evidence = requireNonNull(evidence);
    }

    /** Why the step is skipped, where it did not run; its node then never starts. */
    static Optional<String> skipReason(StepVerdict verdict) {
        return verdict.verdict() == Verdict.NOT_RUN ? Optional.of(verdict.explanation()) : Optional.empty();
    }

    /**
     * Publishes the step's report entries, with {@code more} of them, and evidence, then throws what its test result is to say: nothing where it
     * passes, an {@link AssertionFailedError} or what the step threw where it fails, a {@link TestAbortedException}
     * where it is aborted.
     */
    void report(StepDescriptor descriptor, StepVerdict verdict, Map<String, String> more) throws Exception {
        Map<String, String> entries = entries(verdict, descriptor.step().normalization());
        entries.putAll(more);
        listener.reportingEntryPublished(descriptor, ReportEntry.from(entries));
        verdict.executions().stream().findFirst().ifPresent(first ->
                listener.reportingEntryPublished(descriptor, FingerprintEntries.of(first.fingerprint())));
        DataSnapshotEntries.of(verdict.executions()).ifPresent(entry -> listener.reportingEntryPublished(descriptor, entry));
        Optional<Throwable> failure = failure(verdict);
        if (failure.isPresent()) {
            if (verdict.verdict() == Verdict.DIVERGED || verdict.verdict() == Verdict.CHANGED) {
                evidence.publish(descriptor, verdict);
            }
            throw Failures.asThrowable(failure.get());
        }
    }

    private static Optional<Throwable> failure(StepVerdict verdict) {
        return switch (verdict.verdict()) {
            case REPRODUCED -> Optional.empty();
            case DIVERGED, CHANGED -> Optional.of(new AssertionFailedError(verdict.explanation(),
                    shown(verdict.expected(), "run 1"), shown(verdict.actual(), "a later run")));
            case TAINTED -> Optional.of(new TestAbortedException(verdict.explanation()));
            case FAILED -> Optional.of(thrown(verdict));
            case NOT_RUN -> throw new IllegalStateException("A step that did not run is skipped, not reported");
        };
    }

    /**
     * What the step threw, as it threw it where it threw in every run; wrapped where it threw only in some, and where
     * it is a {@link TestAbortedException}, which the executor would report as aborted: a step that throws fails.
     */
    private static Throwable thrown(StepVerdict verdict) {
        Throwable thrown = verdict.failureCause().orElseThrow();
        boolean everyRun = verdict.executions().stream().allMatch(e -> e.status() == StepExecution.Status.FAILED);
        return everyRun && !(thrown instanceof TestAbortedException) ? thrown
                : new AssertionFailedError(verdict.explanation(), thrown);
    }

    private static String shown(StepVerdict.@Nullable Rendering rendering, String which) {
        if (rendering == null) {
            return "(no output from " + which + ")";
        }
        return rendering.digest() + " (" + rendering.size() + " bytes)\n" + rendering.text();
    }

    /**
     * The verdict, its explanation, and each output's digests, size and media type: once where every run agrees,
     * per run where they do not. The bytes digest is listed beside the semantic one only where it differs from it.
     */
    private static Map<String, String> entries(StepVerdict verdict, Normalization normalization) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("reprounit.verdict", verdict.verdict().name());
        entries.put("reprounit.explanation", verdict.explanation());
        if (!normalization.isNone()) {
            entries.put("reprounit.normalizers", normalization.describe());
        }
        verdict.executions().stream().findFirst().flatMap(StepExecution::cache)
                .ifPresent(lookup -> entries.put("reprounit.cache", lookup.reportEntry()));
        List<Artifact> outputs = verdict.executions().stream().map(StepExecution::output).flatMap(Optional::stream).toList();
        if (outputs.isEmpty()) {
            return entries;
        }
        List<String> leftOut = outputs.get(0).leftOut();
        if (!leftOut.isEmpty()) {
            entries.put("reprounit.output.leftOut", String.join(", ", leftOut));
        }
        boolean sameDigest = outputs.stream().map(Artifact::digest).distinct().count() == 1;
        boolean sameBytes = outputs.stream().map(Artifact::bytesDigest).distinct().count() == 1;
        int run = 1;
        for (StepExecution execution : verdict.executions()) {
            String perRun = "reprounit.run." + run++ + ".output";
            execution.output().ifPresent(output -> {
                if (!sameDigest || output == outputs.get(0)) {
                    String prefix = sameDigest ? "reprounit.output" : perRun;
                    entries.put(prefix + ".digest", output.digest());
                    entries.put(prefix + ".size", Long.toString(output.size()));
                    entries.put(prefix + ".mediaType", output.mediaType());
                    kept(output.kept()).ifPresent(kept -> entries.put(prefix + ".kept", kept));
                }
                if (sameBytes && output == outputs.get(0) && output.isNormalized()) {
                    entries.put("reprounit.output.bytesDigest", output.bytesDigest());
                } else if (!sameBytes) {
                    entries.put(perRun + ".bytesDigest", output.bytesDigest());
                }
            });
        }
        return entries;
    }

    /** Where the artifact store keeps the output, relative to its directory, or why it does not: never silently. */
    private static Optional<String> kept(Artifact.Kept kept) {
        if (kept.location() != null) {
            return Optional.of(kept.location());
        }
        return Optional.ofNullable(kept.notKeptReason()).map(reason -> "not kept: " + reason);
    }
}
