package io.reprounit.store;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.fingerprint.PartChange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What differs between two runs: the run-level fingerprint parts that changed, and every step whose output, status or
 * step-level parts differ, each explained in the words of a verdict; and the steps whose compared output is the same
 * but whose exact bytes differ, where both runs recorded them, so that a change the normalizers hide is still seen.
 */
@API(status = INTERNAL, since = "0.1")
public record RunDifference(StoredRun before, StoredRun after, List<PartChange> parts, List<StepDifference> steps) {

    public RunDifference {
        parts = List.copyOf(parts);
        steps = List.copyOf(steps);
    }

    /** One step that differs, with what explains it; {@code bytes…} are the digests of its outputs' exact bytes. */
    public record StepDifference(String step, @Nullable String outputBefore, @Nullable String outputAfter,
            @Nullable String bytesBefore, @Nullable String bytesAfter, List<PartChange> parts, List<String> inputs,
            String explanation) {

        public StepDifference {
            parts = List.copyOf(parts);
            inputs = List.copyOf(inputs);
        }

        /** Whether only the exact bytes differ: same compared output, inputs and parts. */
        public boolean bytesOnly() {
            return parts.isEmpty() && inputs.isEmpty() && outputBefore != null && outputBefore.equals(outputAfter)
                    && bytesDiffer(bytesBefore, bytesAfter);
        }
    }

    public boolean isEmpty() {
        return parts.isEmpty() && steps.isEmpty();
    }

    /** Whether the runs differ, and only in the exact bytes of some outputs: what no verdict would fail on. */
    public boolean differsInBytesOnly() {
        return parts.isEmpty() && !steps.isEmpty() && steps.stream().allMatch(StepDifference::bytesOnly);
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
                    old == null ? null : old.bytes(), now == null ? null : now.bytes(), List.of(), List.of(),
                    "ran only in run " + only);
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
        if (sameOutput && parts.isEmpty() && inputs.isEmpty() && !bytesDiffer(old.bytes(), now.bytes())) {
            return null;
        }
        return new StepDifference(name, old.output(), now.output(), old.bytes(), now.bytes(), parts, inputs,
                explain(old, now, sameOutput, parts, inputs));
    }

    /** Unrecorded bytes (a store older than schema version 3) are not a difference: nobody knows what they were. */
    private static boolean bytesDiffer(@Nullable String before, @Nullable String after) {
        return before != null && after != null && !before.equals(after);
    }

    private static String explain(StoredStep old, StoredStep now, boolean sameOutput, List<PartChange> parts,
            List<String> inputs) {
        if (!old.status().equals(now.status())) {
            return "status " + old.status() + " → " + now.status() + (now.problem() != null ? ": " + now.problem() : "");
        }
        boolean bytes = bytesDiffer(old.bytes(), now.bytes());
        if (sameOutput && parts.isEmpty() && inputs.isEmpty()) {
            // Only the bytes differ, so both were recorded. Digests first: in a table cut to the terminal's width,
            // they are what must stay.
            return "bytes only: " + io.reprounit.artifact.Digests.shortForm(Objects.requireNonNull(old.bytes())) + " → "
                    + io.reprounit.artifact.Digests.shortForm(Objects.requireNonNull(now.bytes())) + " (same compared output)";
        }
        if (sameOutput) {
            return "same output, although " + (parts.isEmpty() ? "an input" : "its fingerprint") + " changed"
                    + (bytes ? "; its exact bytes differ" : "");
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
