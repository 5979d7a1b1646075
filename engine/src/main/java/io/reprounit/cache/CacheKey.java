package io.reprounit.cache;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.FingerprintPart;
import io.reprounit.fingerprint.PartChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Everything a step's output depends on, as far as the cache is concerned: the step's own parts (its bytecode with the
 * project helpers it reaches, its parameters, seed and normalizers, its data), the run's parts that matter to it (the
 * environment and the jars; not the commit, which changes with any file), and the digest of each input it receives.
 * Two keys that are equal mean the step would be given the same code, configuration, data and inputs in the same
 * environment.
 */
@API(status = INTERNAL, since = "0.1")
public record CacheKey(Fingerprint step, Fingerprint run, Map<String, String> inputs) {

    public CacheKey {
        requireNonNull(step);
        run = matters(run);
        inputs = Map.copyOf(inputs);
    }

    /**
     * The parts of a run's fingerprint that a step's output may depend on: the environment and the jars. The git parts
     * change with every commit, whatever it touched, and a step's own code is in its bytecode part; the configuration
     * file and its overrides are in the step's parameters.
     */
    static Fingerprint matters(Fingerprint run) {
        List<FingerprintPart> kept = new ArrayList<>();
        for (FingerprintPart part : run.parts()) {
            boolean git = part.name().equals("git") || part.name().startsWith("git.");
            if (part.aspect() == Aspect.ENVIRONMENT || part.aspect() == Aspect.CODE && !git) {
                kept.add(part);
            }
        }
        return Fingerprint.of(kept);
    }

    /**
     * What differs from {@code recorded}, in a person's words: {@code code of step train changed}, {@code config of step
     * train: epochs 10 → 12}, {@code data of step load: data/rows.csv changed}, {@code environment: java.version 17 →
     * 25}, {@code input @Input("load") changed}. Empty where the keys are equal.
     */
    List<String> differencesFrom(CacheKey recorded, String stepName) {
        List<String> differences = new ArrayList<>();
        for (PartChange change : step.changesSince(recorded.step)) {
            differences.add(describe(change, stepName));
        }
        List<PartChange> jars = new ArrayList<>();
        for (PartChange change : run.changesSince(recorded.run)) {
            if (change.aspect() == Aspect.ENVIRONMENT) {
                differences.add("environment: " + change.describe());
            } else {
                jars.add(change);
            }
        }
        Map<String, String> before = new TreeMap<>(recorded.inputs);
        Map<String, String> now = new TreeMap<>(inputs);
        for (Map.Entry<String, String> input : now.entrySet()) {
            // Data digests are inputs too; their change is already named by the data part.
            if (!input.getKey().startsWith("data:") && !Objects.equals(before.get(input.getKey()), input.getValue())) {
                differences.add("input " + input.getKey() + (before.containsKey(input.getKey()) ? " changed" : " added"));
            }
        }
        before.keySet().stream().filter(label -> !label.startsWith("data:") && !now.containsKey(label))
                .forEach(label -> differences.add("input " + label + " removed"));
        // Last: beside another difference, which jars the step reaches is not worked out, so a jar may not concern it.
        jars.forEach(change -> differences.add("jar " + jar(change)));
        return differences;
    }

    /**
     * The jar parts that differ from {@code recorded}'s, where nothing else does: the step's parts, the environment and
     * the inputs are equal. Empty where something else differs too, or nothing does.
     */
    List<PartChange> jarsAloneChangedSince(CacheKey recorded) {
        if (!step.equals(recorded.step) || !inputs.equals(recorded.inputs)) {
            return List.of();
        }
        List<PartChange> changes = run.changesSince(recorded.run);
        return changes.stream().allMatch(CacheKey::isJar) ? changes : List.of();
    }

    /** A jar part's change without the {@code jar:} of its name: {@code org.apache.commons:commons-math3 3.6 → 3.6.1}. */
    static String jar(PartChange change) {
        return change.describe().replaceFirst("^jar:", "");
    }

    private static boolean isJar(PartChange change) {
        return change.aspect() == Aspect.CODE && change.name().startsWith("jar:");
    }

    private static String describe(PartChange change, String stepName) {
        return switch (change.aspect()) {
            case CODE -> change.name().equals("bytecode") ? "code of step " + stepName + " changed"
                    : "code of step " + stepName + ": " + change.describe();
            case CONFIG -> "config of step " + stepName + ": " + change.describe().replaceFirst("^param\\.", "");
            case DATA -> "data of step " + stepName + ": " + change.describe();
            case ENVIRONMENT -> "environment: " + change.describe();
        };
    }
}
