package io.reprounit.pipeline;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/** A validated pipeline: its steps in topological order, its configuration and how many runs a check compares. */
@API(status = INTERNAL, since = "0.1")
public final class PipelineDefinition {

    private final String name;
    private final Class<?> pipelineClass;
    private final int runs;
    private final PipelineConfig config;
    private final Map<String, StepDefinition> steps;
    private final io.reprounit.api.BaselineMode baselineMode;

    PipelineDefinition(String name, Class<?> pipelineClass, int runs, PipelineConfig config, List<StepDefinition> ordered,
            io.reprounit.api.BaselineMode baselineMode) {
        this.name = requireNonNull(name);
        this.pipelineClass = requireNonNull(pipelineClass);
        this.runs = runs;
        this.config = requireNonNull(config);
        Map<String, StepDefinition> byName = new LinkedHashMap<>();
        ordered.forEach(step -> byName.put(step.name(), step));
        this.steps = java.util.Collections.unmodifiableMap(byName);
        this.baselineMode = requireNonNull(baselineMode);
    }

    /** The baseline mode the class asks for; {@code CONFIGURED} leaves it to configuration. */
    public io.reprounit.api.BaselineMode baselineMode() {
        return baselineMode;
    }

    public String name() {
        return name;
    }

    public Class<?> pipelineClass() {
        return pipelineClass;
    }

    public int runs() {
        return runs;
    }

    public PipelineConfig config() {
        return config;
    }

    /** Every step, each after all the steps it takes outputs from. */
    public List<StepDefinition> steps() {
        return List.copyOf(steps.values());
    }

    public Optional<StepDefinition> step(String stepName) {
        return Optional.ofNullable(steps.get(stepName));
    }

    /** The named steps and every step they need, transitively, in topological order. */
    public List<StepDefinition> stepsNeededFor(Collection<String> selected) {
        return stepsNeededFor(selected, Set.of());
    }

    /** As {@link #stepsNeededFor(Collection)}, where the outputs of the {@code given} steps need no step run. */
    public List<StepDefinition> stepsNeededFor(Collection<String> selected, Set<String> given) {
        Set<String> needed = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(selected);
        while (!pending.isEmpty()) {
            String next = pending.pop();
            StepDefinition step = steps.get(next);
            if (step == null) {
                throw new IllegalArgumentException("Pipeline " + pipelineClass.getName() + " has no step named " + next);
            }
            if (needed.add(next)) {
                step.upstream().stream().filter(upstream -> !given.contains(upstream)).forEach(pending::add);
            }
        }
        return steps.values().stream().filter(step -> needed.contains(step.name())).toList();
    }

    @Override
    public String toString() {
        return name + " (" + pipelineClass.getName() + ")";
    }
}
