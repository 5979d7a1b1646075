package io.reprounit.store;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.fingerprint.PartChange;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The fingerprint parts of a check that differed from those of the recorded check it was compared with
 * ({@code reprounit.against}): the run's (JDK, OS, jars, environment, commit), and each step's own (code, config, data)
 * by step name, only for steps with one that differs. Empty for a check that reproduced every part.
 */
@API(status = INTERNAL, since = "0.1")
public record DifferingParts(List<PartChange> run, Map<String, List<PartChange>> steps) {

    public DifferingParts {
        run = List.copyOf(run);
        Map<String, List<PartChange>> copy = new TreeMap<>();
        steps.forEach((step, parts) -> {
            if (!parts.isEmpty()) {
                copy.put(step, List.copyOf(parts));
            }
        });
        steps = java.util.Collections.unmodifiableMap(copy);
    }

    /** The parts of {@code step} that differ: its own, then the run's. */
    public List<PartChange> of(String step) {
        List<PartChange> all = new java.util.ArrayList<>(steps.getOrDefault(step, List.of()));
        all.addAll(run);
        return all;
    }
}
