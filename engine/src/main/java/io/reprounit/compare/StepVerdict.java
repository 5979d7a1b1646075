package io.reprounit.compare;

import static java.util.Objects.requireNonNull;

import io.reprounit.run.StepExecution;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The verdict on one step, with the explanation a person reads and, for a divergence, the two outputs to show side by
 * side. {@code executions} holds the step's execution in each run, in run order.
 */
public record StepVerdict(
        String step,
        Verdict verdict,
        String explanation,
        List<String> culprits,
        @Nullable Rendering expected,
        @Nullable Rendering actual,
        @Nullable Throwable failure,
        List<StepExecution> executions) {

    public StepVerdict {
        requireNonNull(step);
        requireNonNull(verdict);
        requireNonNull(explanation);
        culprits = List.copyOf(culprits);
        executions = List.copyOf(executions);
    }

    public boolean passed() {
        return verdict == Verdict.REPRODUCED;
    }

    public Optional<Throwable> failureCause() {
        return Optional.ofNullable(failure);
    }

    /** An output as shown in a failure: readable text, cut around the first difference where it is long. */
    public record Rendering(String text, String digest, long size) {}
}
