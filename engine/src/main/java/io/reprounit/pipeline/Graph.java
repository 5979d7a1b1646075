package io.reprounit.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Orders steps so that each comes after the steps it takes outputs from. Ties are broken by name, so that the order,
 * and with it every report, is the same in every JVM, whatever order reflection lists the methods in.
 */
final class Graph {

    private Graph() {}

    /** The steps in topological order, or empty when they form a cycle. */
    static Optional<List<StepDefinition>> order(Map<String, StepDefinition> steps) {
        Map<String, Integer> waitingFor = new HashMap<>();
        Map<String, List<String>> downstream = new HashMap<>();
        for (StepDefinition step : steps.values()) {
            waitingFor.put(step.name(), step.upstream().size());
            for (String upstream : step.upstream()) {
                downstream.computeIfAbsent(upstream, name -> new ArrayList<>()).add(step.name());
            }
        }
        TreeSet<String> ready = new TreeSet<>();
        waitingFor.forEach((name, count) -> {
            if (count == 0) {
                ready.add(name);
            }
        });
        List<StepDefinition> ordered = new ArrayList<>(steps.size());
        while (!ready.isEmpty()) {
            String next = ready.pollFirst();
            ordered.add(steps.get(next));
            for (String consumer : downstream.getOrDefault(next, List.of())) {
                if (waitingFor.merge(consumer, -1, Integer::sum) == 0) {
                    ready.add(consumer);
                }
            }
        }
        return ordered.size() == steps.size() ? Optional.of(ordered) : Optional.empty();
    }

    /** One cycle among the steps, as the names along it with the first repeated at the end, for an error message. */
    static List<String> findCycle(Map<String, StepDefinition> steps) {
        Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
        for (String start : new TreeSet<>(steps.keySet())) {
            List<String> path = new ArrayList<>();
            List<String> cycle = visit(start, steps, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> visit(String name, Map<String, StepDefinition> steps, Map<String, Integer> state,
            List<String> path) {
        Integer seen = state.get(name);
        if (seen != null && seen == 2) {
            return List.of();
        }
        if (seen != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            return cycle;
        }
        state.put(name, 1);
        path.add(name);
        for (String upstream : java.util.Objects.requireNonNull(steps.get(name), name).upstream()) {
            if (steps.containsKey(upstream)) {
                List<String> cycle = visit(upstream, steps, state, path);
                if (!cycle.isEmpty()) {
                    return cycle;
                }
            }
        }
        path.remove(path.size() - 1);
        state.put(name, 2);
        return List.of();
    }
}
