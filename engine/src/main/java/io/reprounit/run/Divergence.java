package io.reprounit.run;

import io.reprounit.pipeline.StepDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A step that did something else in a later run than in run 1 although it was given the same inputs: another output,
 * or a failure in one run and not the other, as {@link Culprits} rules, found before the comparison so that a check can
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
                if (other.isPresent() && Culprits.divergedOnSameInputs(control.get(), other.get())) {
                    found.add(new Divergence(step.name(), run.number()));
                    break;
                }
            }
        }
        return found;
    }
}
