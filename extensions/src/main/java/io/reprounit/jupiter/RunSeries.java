package io.reprounit.jupiter;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.Materializers;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The runs of one {@link ReproducibleTest @ReproducibleTest} method: keeps the first run's outputs and compares every
 * later run with them. Jupiter runs the invocations of a template one after another; the methods are synchronized all
 * the same, so that a parallel configuration cannot compare a run with a first run that has not finished.
 */
final class RunSeries {

    private final int runs;
    private final Materializers materializers;
    private @Nullable Map<String, Artifact> first;
    private @Nullable String firstRunProblem;

    RunSeries(int runs, Materializers materializers) {
        this.runs = runs;
        this.materializers = requireNonNull(materializers);
    }

    int runs() {
        return runs;
    }

    Materializers materializers() {
        return materializers;
    }

    /** Why run {@code number} should be skipped: the first run gave nothing to compare it with. */
    synchronized Optional<String> whyNotRun(int number) {
        if (number == 1 || first != null) {
            return Optional.empty();
        }
        return Optional.of("run 1 " + (firstRunProblem != null ? firstRunProblem : "did not finish")
                + ", so run " + number + " would have nothing to compare with");
    }

    synchronized void threw(int number) {
        if (number == 1) {
            firstRunProblem = "threw";
        }
    }

    /**
     * Keeps the first run's outputs, or compares a later run's with them.
     *
     * @throws IllegalStateException where the run recorded nothing
     * @throws org.opentest4j.AssertionFailedError where an output differs from the first run's
     */
    synchronized void finished(int number, Map<String, Artifact> recorded) {
        if (recorded.isEmpty()) {
            if (number == 1) {
                firstRunProblem = "recorded no outputs";
            }
            throw new IllegalStateException("Run " + number + " of " + runs + " recorded no outputs, so there is nothing"
                    + " to compare between runs: pass what the test produced to outputs.record(name, value)");
        }
        if (number == 1) {
            first = recorded; // an unmodifiable copy in recorded order, so that failures name outputs in that order
            return;
        }
        OutputComparison.compare(requireNonNull(first, "the first run's outputs"), recorded, number);
    }
}
