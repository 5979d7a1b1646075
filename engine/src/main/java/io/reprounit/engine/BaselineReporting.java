package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.baseline.BaselineCheck;
import io.reprounit.baseline.BaselineCheck.Decision;
import io.reprounit.baseline.BaselineSetupException;
import io.reprounit.check.AgainstSetting;
import io.reprounit.check.RecordedBaseline;
import io.reprounit.compare.BaselineComparator;
import io.reprounit.compare.CheckResult;
import io.reprounit.compare.StepComparison;
import io.reprounit.compare.StepVerdict;
import io.reprounit.compare.Verdict;
import io.reprounit.fingerprint.PartChange;
import io.reprounit.pipeline.ParamOverrides;
import io.reprounit.pipeline.StepDefinition;
import io.reprounit.run.Finding;
import io.reprounit.run.Run;
import io.reprounit.store.DifferingParts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.opentest4j.AssertionFailedError;

/**
 * Maps the baseline policy's decision on one pipeline ({@link BaselineCheck}, in package baseline) to what the engine
 * reports: the verdicts against the baseline, the pipeline's failure, a report entry for a written baseline and a file
 * entry for a received one, and the notes of the console summary.
 */
final class BaselineReporting {

    /**
     * The verdicts to report, why the pipeline as a whole fails where it does, the summary's baseline notes, and the
     * report entries each step adds to its own (its result against a recorded check).
     */
    record Outcome(CheckResult result, Optional<Throwable> pipelineFailure, List<String> notes,
            Map<String, Map<String, String>> stepEntries, Optional<DifferingParts> differingParts) {

        Outcome(CheckResult result, Optional<Throwable> pipelineFailure, List<String> notes) {
            this(result, pipelineFailure, notes, Map.of(), Optional.empty());
        }
    }

    private final BaselineCheck check;
    private final ParamOverrides overrides;
    private final EngineExecutionListener listener;

    BaselineReporting(BaselineCheck check, ParamOverrides overrides, EngineExecutionListener listener) {
        this.check = requireNonNull(check);
        this.overrides = requireNonNull(overrides);
        this.listener = requireNonNull(listener);
    }

    /**
     * @param against the recorded check to compare with instead of the baseline file, where
     *     {@link Constants#AGAINST_PROPERTY_NAME} names one
     */
    Outcome apply(PipelineDescriptor descriptor, List<StepDefinition> needed, List<Run> checked, CheckResult runs,
            Optional<RecordedBaseline> against) {
        if (against.isPresent()) {
            return against(needed, runs, against.get(),
                    check.against(descriptor.pipeline(), checked, against.get().baseline()));
        }
        List<String> overriding = overrides.forPipeline(descriptor.pipeline().name()).values().stream()
                .map(ParamOverrides.Override::setting).sorted().toList();
        Decision decision = check.decide(descriptor.pipeline(), needed, checked, runs.isReproducible(), overriding);
        if (decision instanceof Decision.Unchecked unchecked) {
            return new Outcome(runs, Optional.empty(), unchecked.note().stream().toList());
        }
        if (decision instanceof Decision.Failed failed) {
            failed.received().ifPresent(file -> publishReceived(descriptor, file));
            Throwable failure = failed.setup() ? new BaselineSetupException(failed.message())
                    : new AssertionFailedError(failed.message());
            // The result says so too, so that the store records no REPRODUCED check (a missing baseline on CI).
            return new Outcome(runs.failedAsAWhole(failed.message()), Optional.of(failure), List.of());
        }
        if (decision instanceof Decision.Recorded recorded) {
            List<String> notes = new ArrayList<>();
            notes.add("baseline " + recorded.what() + ": " + recorded.file());
            recorded.changes().forEach(change -> notes.add("  " + change));
            if (recorded.what().equals("updated") && recorded.changes().isEmpty()) {
                notes.add("  nothing changed");
            }
            listener.reportingEntryPublished(descriptor, ReportEntry.from(Map.of("reprounit.baseline",
                    String.join("\n", notes))));
            return new Outcome(runs, Optional.empty(), notes);
        }
        Decision.Verify verify = (Decision.Verify) decision;
        CheckResult compared = BaselineComparator.compare(needed, runs, verify.expected(), verify.received());
        Optional<Path> received = verify.settle(compared.isReproducible());
        received.ifPresent(file -> publishReceived(descriptor, file));
        // Only where the runs agreed among themselves: accepting a baseline cannot fix a step that diverges.
        return new Outcome(runs.isReproducible() && verify.accept().isPresent()
                ? withAcceptHint(compared, verify.accept().get()) : compared,
                Optional.empty(), received.map(file -> "received baseline: " + file).stream().toList());
    }

    /** The check compared with a recorded one, as with a baseline, and each step's result as report entries. */
    private static Outcome against(List<StepDefinition> needed, CheckResult runs, RecordedBaseline recorded,
            Decision.Verify verify) {
        CheckResult compared = BaselineComparator.compare(needed, runs, verify.expected(), verify.received());
        Map<String, Map<String, String>> entries = new LinkedHashMap<>();
        Map<String, List<PartChange>> stepParts = new LinkedHashMap<>();
        List<StepComparison> comparisons = StepComparison.of(compared, verify.expected(), verify.received());
        for (StepComparison step : comparisons) {
            entries.put(step.step(), AgainstEntries.of(recorded.check(), step));
            stepParts.put(step.step(), step.stepParts());
        }
        List<PartChange> runParts = StepComparison.runParts(verify.expected(), verify.received());
        return new Outcome(compared, Optional.empty(), List.of("compared with check " + recorded.check() + " of the"
                + " metadata store (" + AgainstSetting.describe(recorded.check()) + "); no baseline file was read or"
                + " written"), entries, Optional.of(new DifferingParts(runParts, stepParts)));
    }

    private static CheckResult withAcceptHint(CheckResult compared, String accept) {
        Map<String, List<Finding>> hints = new LinkedHashMap<>();
        for (StepVerdict verdict : compared.verdicts()) {
            if (verdict.verdict() == Verdict.CHANGED || verdict.verdict() == Verdict.DIVERGED) {
                hints.put(verdict.step(), List.of(new Finding(Finding.Kind.BASELINE, accept)));
            }
        }
        return compared.withFindings(hints);
    }

    private void publishReceived(PipelineDescriptor descriptor, Path received) {
        listener.fileEntryPublished(descriptor, FileEntry.from(received.toAbsolutePath(), "application/yaml"));
    }
}
