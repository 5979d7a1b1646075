package io.reprounit.compare;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.baseline.Baseline;
import io.reprounit.baseline.StepRecord;
import io.reprounit.fingerprint.PartChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One step's result against a baseline or a recorded check, for code to read rather than parse from the explanation:
 * its verdict, and every fingerprint part that differs from the recorded one, the step's own (code, config, data)
 * before the run's (JDK, OS, jars, environment, commit), whether or not the difference changed its output.
 */
@API(status = INTERNAL, since = "0.1")
public record StepComparison(String step, Verdict verdict, List<PartChange> stepParts, List<PartChange> runParts) {

    public StepComparison {
        requireNonNull(step);
        requireNonNull(verdict);
        stepParts = List.copyOf(stepParts);
        runParts = List.copyOf(runParts);
    }

    /** Every part that differs: the step's own, then the run's. */
    public List<PartChange> parts() {
        List<PartChange> all = new ArrayList<>(stepParts);
        all.addAll(runParts);
        return all;
    }

    /** Each step of {@code compared}, with the parts of {@code received} that differ from {@code expected}. */
    public static List<StepComparison> of(CheckResult compared, Baseline expected, Baseline received) {
        List<PartChange> run = runChanges(expected, received);
        return compared.verdicts().stream().map(verdict -> new StepComparison(verdict.step(), verdict.verdict(),
                stepChanges(expected.step(verdict.step()), received.step(verdict.step())), run)).toList();
    }

    /** The run's parts of {@code received} that differ from {@code expected}'s. */
    public static List<PartChange> runParts(Baseline expected, Baseline received) {
        return runChanges(expected, received);
    }

    /** The run's parts that differ: the one rule for both the explanations and this record. */
    static List<PartChange> runChanges(Baseline expected, Baseline received) {
        return received.runParts().changesSince(expected.runParts());
    }

    /** The step's own parts that differ, where both record the step. */
    static List<PartChange> stepChanges(Optional<StepRecord> expected, Optional<StepRecord> received) {
        if (expected.isEmpty() || received.isEmpty()) {
            return List.of();
        }
        return received.get().parts().changesSince(expected.get().parts());
    }
}
