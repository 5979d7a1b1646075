package io.reprounit.run;

import io.reprounit.pipeline.StepDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A step that did something else in a later run than in run 1 although it was given the same inputs: another output,
 * or a failure in one run and not the other. The same rule the comparison applies, found here so that a check can
 * investigate it before it is judged.
 *
 * @param firstRun the first run that differs from run 1
 */
record Divergence(String step, int firstRun) {

    static List<Divergence> find(List<StepDefinition> steps, List<Run> runs) {
        List<Divergence> found = new ArrayList<>();
        for (StepDefinition step : steps) {
            Optional<StepExecution> control = runs.get(0).execution(step.name());
            if (control.isEmpty() || control.get().status() == StepExecution.Status.NOT_RUN) {
                continue;
            }
            for (Run run : runs.subList(1, runs.size())) {
                Optional<StepExecution> other = run.execution(step.name());
                if (other.isPresent() && differsOnSameInputs(control.get(), other.get())) {
                    found.add(new Divergence(step.name(), run.number()));
                    break;
                }
            }
        }
        return found;
    }

    /** Whether {@code other} was given what {@code control} was, and gave something else back. */
    static boolean differsOnSameInputs(StepExecution control, StepExecution other) {
        return ownResult(control) && ownResult(other)
                && control.argumentDigests().equals(other.argumentDigests())
                && !result(control).equals(result(other));
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

    static boolean sameResult(StepExecution a, StepExecution b) {
        return Objects.equals(result(a), result(b));
    }
}
