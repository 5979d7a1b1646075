package io.reprounit.compare;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.run.Finding;
import io.reprounit.run.StepExecution;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The verdict on one step, with the explanation a person reads and, for a divergence, the two outputs to show side by
 * side. {@code executions} holds the step's execution in each run, in run order; {@code findings} what investigating
 * the step found, by kind (the explanation ends with their texts).
 */
@API(status = INTERNAL, since = "0.1")
public record StepVerdict(
        String step,
        Verdict verdict,
        String explanation,
        List<String> culprits,
        @Nullable Rendering expected,
        @Nullable Rendering actual,
        @Nullable Throwable failure,
        List<StepExecution> executions,
        List<Finding> findings) {

    public StepVerdict {
        requireNonNull(step);
        requireNonNull(verdict);
        requireNonNull(explanation);
        culprits = List.copyOf(culprits);
        executions = List.copyOf(executions);
        findings = List.copyOf(findings);
    }

    /** The step gave the same output in every run, or matched its baseline. */
    public static StepVerdict reproduced(String step, String explanation, List<StepExecution> executions) {
        return new StepVerdict(step, Verdict.REPRODUCED, explanation, List.of(), null, null, null, executions, List.of());
    }

    /** The step threw in some run: {@code failure} is what it threw. */
    public static StepVerdict failed(String step, String explanation, @Nullable Throwable failure,
            List<StepExecution> executions) {
        return new StepVerdict(step, Verdict.FAILED, explanation, List.of(), null, null, failure, executions, List.of());
    }

    /** The step did not run, because a step it needs failed or did not run. */
    public static StepVerdict notRun(String step, String explanation, List<StepExecution> executions) {
        return new StepVerdict(step, Verdict.NOT_RUN, explanation, List.of(), null, null, null, executions, List.of());
    }

    /**
     * The step's output differs ({@link Verdict#DIVERGED}, {@link Verdict#TAINTED} or {@link Verdict#CHANGED}), blamed
     * on {@code culprits}, with the two outputs to show side by side where they are known.
     */
    public static StepVerdict differing(String step, Verdict verdict, String explanation, List<String> culprits,
            @Nullable Rendering expected, @Nullable Rendering actual, List<StepExecution> executions) {
        if (verdict == Verdict.REPRODUCED || verdict == Verdict.FAILED || verdict == Verdict.NOT_RUN) {
            throw new IllegalArgumentException(verdict + " is not a verdict of an output that differs");
        }
        return new StepVerdict(step, verdict, explanation, culprits, expected, actual, null, executions, List.of());
    }

    /** This verdict with {@code more} found out: kept by kind, and said after its explanation. */
    public StepVerdict withFindings(List<Finding> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Finding> all = new java.util.ArrayList<>(findings);
        all.addAll(more);
        return new StepVerdict(step, verdict, explanation + "; " + Finding.sentences(more), culprits, expected, actual,
                failure, executions, all);
    }

    /** The findings of this kind, in the order they were found. */
    public List<Finding> findings(Finding.Kind kind) {
        return findings.stream().filter(finding -> finding.kind() == kind).toList();
    }

    /**
     * What {@link io.reprounit.run.Culprits#upstreamOf} asks of the steps judged so far: the culprits of one that did not
     * reproduce, nothing for one that did.
     */
    static Function<String, Optional<List<String>>> blame(Map<String, StepVerdict> judged) {
        return step -> {
            StepVerdict verdict = judged.get(step);
            if (verdict == null) {
                return Optional.of(List.of());
            }
            return verdict.passed() ? Optional.empty() : Optional.of(verdict.culprits());
        };
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
