package io.reprounit.assertj;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.reprounit.compare.Verdict;
import io.reprounit.jupiter.PipelineCheck;
import io.reprounit.jupiter.StepCheck;
import java.util.List;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a whole {@link PipelineCheck}; {@link #step(String)} moves on to one step. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PipelineCheckAssert extends AbstractAssert<PipelineCheckAssert, PipelineCheck> {

    PipelineCheckAssert(PipelineCheck actual) {
        super(actual, PipelineCheckAssert.class);
    }

    /** Every step reproduced; otherwise the message names each step that did not, with the engine's explanation. */
    public PipelineCheckAssert isReproducible() {
        isNotNull();
        List<StepCheck> failing = actual.steps().stream().filter(step -> step.verdict() != Verdict.REPRODUCED).toList();
        if (!failing.isEmpty()) {
            failWithActualExpectedAndMessage(verdicts(actual.steps()), allReproduced(actual.steps()),
                    "%nExpecting pipeline %s to be reproducible, but %s not:%n%s", actual.pipelineName(),
                    failing.size() == 1 ? "1 step was" : failing.size() + " steps were",
                    failing.stream().map(step -> "  - " + step.name() + " " + step.verdict() + ": "
                            + step.explanation()).collect(Collectors.joining("%n".formatted())));
        }
        return myself;
    }

    /** At least one step did not reproduce. */
    public PipelineCheckAssert isNotReproducible() {
        isNotNull();
        if (actual.isReproducible()) {
            failWithMessage("%nExpecting pipeline %s not to be reproducible, but every step reproduced:%n  %s",
                    actual.pipelineName(), verdicts(actual.steps()));
        }
        return myself;
    }

    /** The pipeline's steps are exactly these, in this (topological) order. */
    public PipelineCheckAssert hasSteps(String... names) {
        isNotNull();
        List<String> expected = List.of(names);
        if (!actual.stepNames().equals(expected)) {
            failWithActualExpectedAndMessage(actual.stepNames(), expected,
                    "%nExpecting pipeline %s to have steps%n  %s%nin this order, but it has%n  %s",
                    actual.pipelineName(), expected, actual.stepNames());
        }
        return myself;
    }

    /** Assertions on the named step; fails, listing the steps there are, where there is no such step. */
    public StepCheckAssert step(String name) {
        isNotNull();
        return actual.step(name).map(StepCheckAssert::new).orElseThrow(() -> failure(
                "%nExpecting pipeline %s to have a step named '%s', but its steps are %s", actual.pipelineName(), name,
                actual.stepNames()));
    }

    /** {@code load=REPRODUCED, split=DIVERGED}: a form an IDE's diff view lines up step by step. */
    private static String verdicts(List<StepCheck> steps) {
        return steps.stream().map(step -> step.name() + "=" + step.verdict()).collect(Collectors.joining(", "));
    }

    private static String allReproduced(List<StepCheck> steps) {
        return steps.stream().map(step -> step.name() + "=" + Verdict.REPRODUCED).collect(Collectors.joining(", "));
    }
}
