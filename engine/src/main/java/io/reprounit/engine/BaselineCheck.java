package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.api.BaselineMode;
import io.reprounit.baseline.Baseline;
import io.reprounit.baseline.BaselineFormatException;
import io.reprounit.compare.BaselineComparator;
import io.reprounit.compare.CheckResult;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.StepDefinition;
import io.reprounit.run.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.opentest4j.AssertionFailedError;

/**
 * Checks one pipeline's result against its baseline in the mode its settings give: verifies it, records it where it is
 * missing, or rewrites it. On a failure it writes the received baseline beside the expected one and publishes it as a
 * file entry; when the check passes again it deletes it. A baseline is written only from a complete check in which
 * every step reproduced, and a malformed one is never overwritten unless asked to update.
 */
final class BaselineCheck {

    /** The verdicts to report, and why the pipeline as a whole fails where it does. */
    record Outcome(CheckResult result, Optional<Throwable> pipelineFailure) {}

    private final BaselineSettings settings;
    private final EngineExecutionListener listener;
    private final Path workingDirectory;

    BaselineCheck(BaselineSettings settings, EngineExecutionListener listener, Path workingDirectory) {
        this.settings = requireNonNull(settings);
        this.listener = requireNonNull(listener);
        this.workingDirectory = requireNonNull(workingDirectory);
    }

    Outcome apply(PipelineDescriptor descriptor, List<StepDefinition> needed, List<Run> checked, CheckResult runs) {
        PipelineDefinition pipeline = descriptor.pipeline();
        BaselineSettings.Resolved resolved = settings.resolve(pipeline);
        if (resolved.error().isPresent()) {
            return failed(runs, new BaselineSetupException(resolved.error().get()));
        }
        BaselineMode mode = resolved.mode();
        if (mode == BaselineMode.NONE) {
            return new Outcome(runs, Optional.empty());
        }
        BaselineFiles files = new BaselineFiles(settings.directory(), pipeline.name());
        boolean recordable = needed.size() == pipeline.steps().size() && runs.isReproducible();
        Baseline received = Baseline.of(pipeline, checked, workingDirectory);
        Optional<Baseline> expected;
        try {
            expected = files.read(pipeline.steps().stream().map(StepDefinition::name).toList());
        } catch (BaselineFormatException e) {
            if (mode == BaselineMode.UPDATE && recordable) {
                return record(descriptor, files, received, runs, "rewritten (it was malformed)");
            }
            return failed(runs, new BaselineSetupException(e.getMessage() + " The file was left as it is."));
        }
        if (mode == BaselineMode.UPDATE || mode == BaselineMode.RECORD_MISSING && expected.isEmpty()) {
            return recordable ? record(descriptor, files, received, runs, expected.isEmpty() ? "recorded" : "updated")
                    : new Outcome(runs, Optional.empty());
        }
        if (expected.isEmpty()) {
            files.writeReceived(received);
            publishReceived(descriptor, files);
            return failed(runs, new AssertionFailedError("Pipeline " + pipeline.name()
                    + " has no baseline: expected " + files.expected() + ". Has it been committed? The received"
                    + " baseline is in " + files.received() + "; to record it, run outside CI with "
                    + Constants.BASELINE_MODE_PROPERTY_NAME + "=record-missing (the default) or update, review it and"
                    + " commit it."));
        }
        CheckResult compared = BaselineComparator.compare(needed, runs, expected.get(), received);
        if (compared.isReproducible()) {
            files.deleteReceived();
        } else {
            files.writeReceived(received);
            publishReceived(descriptor, files);
        }
        return new Outcome(compared, Optional.empty());
    }

    private Outcome record(PipelineDescriptor descriptor, BaselineFiles files, Baseline received, CheckResult runs,
            String what) {
        files.writeExpected(received);
        files.deleteReceived();
        listener.reportingEntryPublished(descriptor, ReportEntry.from(Map.of("reprounit.baseline",
                what + ": " + files.expected())));
        return new Outcome(runs, Optional.empty());
    }

    /** The pipeline fails as a whole, and its result says so, so that the store records no REPRODUCED check. */
    private static Outcome failed(CheckResult runs, Throwable failure) {
        return new Outcome(runs.failedAsAWhole(String.valueOf(failure.getMessage())), Optional.of(failure));
    }

    private void publishReceived(PipelineDescriptor descriptor, BaselineFiles files) {
        listener.fileEntryPublished(descriptor, FileEntry.from(files.received().toAbsolutePath(), "application/yaml"));
    }

    /** A baseline that cannot be checked as configured; its message says what to do, a stack trace would not. */
    static final class BaselineSetupException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BaselineSetupException(String message) {
            super(message, null, false, false);
        }
    }
}
