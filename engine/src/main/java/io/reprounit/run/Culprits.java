package io.reprounit.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.pipeline.StepArgument;
import io.reprounit.pipeline.StepDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * The one rule that says who is to blame, after Bazel's execution-log comparison: walking the steps in topological
 * order, a step given the same inputs that gave another result is the culprit (it diverged); a step fed an input that
 * differs because a step upstream did not reproduce inherits that step's culprits (it is tainted, not guilty). The
 * run comparison, the baseline comparison, the check's investigation of diverged steps and the Jupiter bridge all ask
 * this class, so they cannot disagree. It lives here, below {@code compare}, because a check investigates a divergence
 * before it is judged.
 */
@API(status = INTERNAL, since = "0.1")
public final class Culprits {

    private Culprits() {}

    /**
     * Whether {@code other} was given what {@code control} was, and gave something else back: another output, or a
     * failure in one and not the other. A step that did not run, or was cut short with its forked run, has no result.
     */
    public static boolean divergedOnSameInputs(StepExecution control, StepExecution other) {
        return ownResult(control) && ownResult(other)
                && control.argumentDigests().equals(other.argumentDigests())
                && !result(control).equals(result(other));
    }

    /** Whether {@code other} was given what {@code control} was and gave the same result back: it reproduced. */
    static boolean reproducedOnSameInputs(StepExecution control, StepExecution other) {
        return ownResult(control) && ownResult(other)
                && control.argumentDigests().equals(other.argumentDigests())
                && result(control).equals(result(other));
    }

    /**
     * The steps upstream that {@code step}'s differing output is blamed on: for each upstream input that
     * {@code fedDifferently} accepts and whose step did not reproduce, that step's own culprits, or the step itself
     * where it names none.
     *
     * @param blame the culprits of an upstream step that did not reproduce; empty where it reproduced, so that an
     *              input differing only within its tolerance is no reason to blame it. A step not judged yet is
     *              blamed itself ({@code Optional.of(List.of())}).
     */
    public static List<String> upstreamOf(StepDefinition step, Predicate<StepArgument.Upstream> fedDifferently,
            Function<String, Optional<List<String>>> blame) {
        Set<String> culprits = new LinkedHashSet<>();
        for (StepArgument argument : step.arguments()) {
            if (argument instanceof StepArgument.Upstream upstream && fedDifferently.test(upstream)) {
                blame.apply(upstream.step()).ifPresent(found ->
                        culprits.addAll(found.isEmpty() ? List.of(upstream.step()) : found));
            }
        }
        return new ArrayList<>(culprits);
    }

    /** Whether the step ran and ended by itself: not skipped, and not cut short with its forked run. */
    private static boolean ownResult(StepExecution execution) {
        return execution.status() != StepExecution.Status.NOT_RUN
                && !(execution.failure().orElse(null) instanceof ForkedRunException);
    }

    /** A step execution's result, for counting distinct ones: its output digest, or that it threw and what. */
    static String result(StepExecution execution) {
        return execution.output().map(output -> output.digest())
                .orElseGet(() -> execution.status() + " " + execution.failure().map(f -> f.toString()).orElse(""));
    }
}
