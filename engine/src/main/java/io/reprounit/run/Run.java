package io.reprounit.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One execution of a pipeline: what each step it ran did, in the order they ran. */
public final class Run {

    private final int number;
    private final Map<String, StepExecution> executions;

    Run(int number, List<StepExecution> executions) {
        this.number = number;
        Map<String, StepExecution> byStep = new LinkedHashMap<>();
        executions.forEach(execution -> byStep.put(execution.step(), execution));
        this.executions = Collections.unmodifiableMap(byStep);
    }

    /** 1 for the first run of a check. */
    public int number() {
        return number;
    }

    public Optional<StepExecution> execution(String step) {
        return Optional.ofNullable(executions.get(step));
    }

    public List<StepExecution> executions() {
        return List.copyOf(executions.values());
    }
}
