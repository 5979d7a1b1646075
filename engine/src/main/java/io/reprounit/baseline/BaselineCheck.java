package io.reprounit.baseline;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.api.BaselineMode;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.StepDefinition;
import io.reprounit.run.Run;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The baseline policy for one pipeline's check, in the mode its settings give: verify the result against the baseline,
 * record it where it is missing, or rewrite it. A baseline is written only from a complete check in which every step
 * reproduced, and a malformed one is never overwritten unless asked to update. The caller compares where told to
 * ({@link Decision.Verify}) and maps each decision to its test results; every failure says how to accept it.
 */
@API(status = INTERNAL, since = "0.1")
public final class BaselineCheck {

    private final BaselineSettings settings;
    private final Path workingDirectory;

    public BaselineCheck(BaselineSettings settings, Path workingDirectory) {
        this.settings = requireNonNull(settings);
        this.workingDirectory = requireNonNull(workingDirectory);
    }

    /** What to do with the baseline of a pipeline whose checked runs are {@code runs}. */
    public sealed interface Decision {

        /** Not checked against a baseline; the note says why where the settings alone do not. */
        record Unchecked(Optional<String> note) implements Decision {}

        /**
         * The pipeline fails as a whole: a setup problem (a malformed or unreachable baseline, a bad setting) or a
         * missing baseline; {@code received} where the received baseline was written for review.
         */
        record Failed(String message, boolean setup, Optional<Path> received) implements Decision {}

        /** The baseline was written: {@code what} happened, and what changed per step where one was replaced. */
        record Recorded(String what, Path file, List<String> changes) implements Decision {}

        /**
         * Compare {@code received} with {@code expected}, then {@link #settle} the received file. {@code files} are
         * the baseline's files, none where {@code expected} is a recorded check ({@code reprounit.against}), which
         * leaves every file alone; {@code accept} says how to accept a change, where a baseline file can.
         */
        record Verify(Baseline expected, Baseline received, Optional<BaselineFiles> files, Optional<String> accept)
                implements Decision {

            /**
             * Deletes the received file where the comparison passed; else writes it for review.
             *
             * @return the received file, where it was written
             */
            public Optional<Path> settle(boolean passed) {
                if (files.isEmpty()) {
                    return Optional.empty();
                }
                if (passed) {
                    files.get().deleteReceived();
                    return Optional.empty();
                }
                files.get().writeReceived(received);
                return Optional.of(files.get().received());
            }
        }
    }

    /**
     * @param needed the steps the check ran
     * @param runs the runs of the check
     * @param reproducible whether every step reproduced across the runs
     * @param overrides the settings that override the pipeline's configuration, if any: they are recorded and
     *     verified like the configuration file (a build run with the same ones passes), and a failure names them
     */
    public Decision decide(PipelineDefinition pipeline, List<StepDefinition> needed, List<Run> runs,
            boolean reproducible, Collection<String> overrides) {
        BaselineSettings.Resolved resolved = settings.resolve(pipeline);
        if (resolved.error().isPresent()) {
            return new Decision.Failed(resolved.error().get(), true, Optional.empty());
        }
        BaselineMode mode = resolved.mode();
        if (mode == BaselineMode.NONE) {
            return new Decision.Unchecked(Optional.empty());
        }
        BaselineFiles files = new BaselineFiles(settings.directory(), pipeline.name());
        boolean recordable = needed.size() == pipeline.steps().size() && reproducible;
        Baseline received = Baseline.of(pipeline, runs, workingDirectory);
        Optional<Baseline> expected;
        try {
            expected = files.read(pipeline.steps().stream().map(StepDefinition::name).toList());
        } catch (BaselineFormatException e) {
            if (mode == BaselineMode.UPDATE && recordable) {
                return record(files, received, Optional.empty(), "rewritten (it was malformed)", List.of());
            }
            return new Decision.Failed(e.getMessage() + " The file was left as it is. To replace it: "
                    + acceptCommand(pipeline), true, Optional.empty());
        }
        if (mode == BaselineMode.UPDATE || mode == BaselineMode.RECORD_MISSING && expected.isEmpty()) {
            return recordable ? record(files, received, expected, expected.isEmpty() ? "recorded" : "updated",
                    pipeline.steps().stream().map(StepDefinition::name).toList())
                    : new Decision.Unchecked(Optional.of("baseline not written: "
                            + (reproducible ? "only some steps were selected" : "not every step reproduced")));
        }
        if (expected.isEmpty()) {
            files.writeReceived(received);
            return new Decision.Failed("Pipeline " + pipeline.name() + " has no baseline: expected " + files.expected()
                    + ". Has it been committed? The received baseline is in " + files.received() + " (ignored by"
                    + " git). To record it, run outside CI: " + acceptCommand(pipeline) + ", then review and commit "
                    + files.expected() + ".", false, Optional.of(files.received()));
        }
        return new Decision.Verify(expected.get(), received, Optional.of(files), Optional.of("to accept this change,"
                + " run outside CI: " + acceptCommand(pipeline) + ", then review and commit " + files.expected()
                + " (the received baseline is " + files.received() + ")" + (overrides.isEmpty() ? "." : "; or, as "
                + String.join(", ", overrides) + " override the configuration for an experiment that the baseline"
                + " should not judge, add -D" + settings.keys().mode() + "=none.")));
    }

    /**
     * Compare the check with {@code recorded}, a recorded check as its baseline ({@code reprounit.against}), whatever
     * the baseline mode: no baseline file is read or written, and there is nothing to accept.
     */
    public Decision.Verify against(PipelineDefinition pipeline, List<Run> runs, Baseline recorded) {
        return new Decision.Verify(recorded, Baseline.of(pipeline, runs, workingDirectory), Optional.empty(),
                Optional.empty());
    }

    /**
     * The command that rewrites this pipeline's baseline, as a user types it in the module of the pipeline; where the
     * annotation fixes the mode, the setting would not win, and the message says so.
     */
    String acceptCommand(PipelineDefinition pipeline) {
        String command = "mvn test -Dtest=" + pipeline.pipelineClass().getSimpleName() + " -D" + settings.keys().mode()
                + "=update";
        if (pipeline.baselineMode() != BaselineMode.CONFIGURED && pipeline.baselineMode() != BaselineMode.UPDATE) {
            return command + " (after removing @ReproducibleRun(baseline = " + pipeline.baselineMode() + ") from "
                    + pipeline.pipelineClass().getName() + ", which takes precedence)";
        }
        return command;
    }

    private static Decision record(BaselineFiles files, Baseline received, Optional<Baseline> replaced, String what,
            List<String> order) {
        files.writeExpected(received);
        files.deleteReceived();
        return new Decision.Recorded(what, files.expected(),
                replaced.map(before -> BaselineChanges.between(before, received, order)).orElse(List.of()));
    }
}
