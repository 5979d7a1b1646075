package io.reprounit.store;

import io.reprounit.fingerprint.PartChange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What differs between two runs: the run-level fingerprint parts that changed, and every step whose output, status or
 * step-level parts differ, each explained in the words of a verdict.
 */
public record RunDifference(StoredRun before, StoredRun after, List<PartChange> parts, List<StepDifference> steps) {

    public RunDifference {
        parts = List.copyOf(parts);
        steps = List.copyOf(steps);
    }

    /** One step that differs, with what explains it. */
    public record StepDifference(String step, @Nullable String outputBefore, @Nullable String outputAfter,
            List<PartChange> parts, List<String> inputs, String explanation) {

        public StepDifference {
            parts = List.copyOf(parts);
            inputs = List.copyOf(inputs);
        }
    }

    public boolean isEmpty() {
        return parts.isEmpty() && steps.isEmpty();
    }

    static RunDifference between(StoredRun before, StoredRun after) {
        Set<String> names = new LinkedHashSet<>();
        before.steps().forEach(step -> names.add(step.step()));
        after.steps().forEach(step -> names.add(step.step()));
        List<StepDifference> steps = new ArrayList<>();
        for (String name : names) {
            StoredStep old = before.step(name).orElse(null);
            StoredStep now = after.step(name).orElse(null);
            StepDifference difference = compare(name, old, now, before.id(), after.id());
            if (difference != null) {
                steps.add(difference);
            }
        }
        return new RunDifference(before, after, after.fingerprint().changesSince(before.fingerprint()), steps);
    }

    private static @Nullable StepDifference compare(String name, @Nullable StoredStep old, @Nullable StoredStep now,
            String beforeId, String afterId) {
        if (old == null || now == null) {
            String only = old == null ? afterId : beforeId;
            return new StepDifference(name, old == null ? null : old.output(), now == null ? null : now.output(),
                    List.of(), List.of(), "ran only in run " + only);
        }
        List<PartChange> parts = now.fingerprint().changesSince(old.fingerprint());
        List<String> inputs = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>(old.inputs().keySet());
        labels.addAll(now.inputs().keySet());
        for (String label : labels) {
            if (!Objects.equals(old.inputs().get(label), now.inputs().get(label))) {
                inputs.add(label);
            }
        }
        boolean sameOutput = Objects.equals(old.output(), now.output()) && old.status().equals(now.status());
        if (sameOutput && parts.isEmpty() && inputs.isEmpty()) {
            return null;
        }
        return new StepDifference(name, old.output(), now.output(), parts, inputs,
                explain(old, now, sameOutput, parts, inputs));
    }

    private static String explain(StoredStep old, StoredStep now, boolean sameOutput, List<PartChange> parts,
            List<String> inputs) {
        if (!old.status().equals(now.status())) {
            return "status " + old.status() + " → " + now.status() + (now.problem() != null ? ": " + now.problem() : "");
        }
        if (sameOutput) {
            return "same output, although " + (parts.isEmpty() ? "an input" : "its fingerprint") + " changed";
        }
        if (!parts.isEmpty()) {
            return "changed: " + parts.stream().map(c -> c.aspect().label() + " " + c.describe())
                    .reduce((a, b) -> a + "; " + b).orElseThrow();
        }
        if (!inputs.isEmpty()) {
            return "tainted: fed a different " + String.join(" and ", inputs);
        }
        return "diverged: same inputs and fingerprint, different output; the step is not reproducible";
    }
}
