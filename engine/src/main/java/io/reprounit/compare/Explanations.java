package io.reprounit.compare;

import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.PartChange;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Changed fingerprint parts in words, by aspect: "code of step split changed", "config of step train: epochs 10 → 12",
 * "data of step load: data/iris.csv changed", "environment: java.version 17.0.15 → 21.0.4; dependency
 * org.tribuo:tribuo-core 4.3.1 → 4.3.2".
 */
final class Explanations {

    private Explanations() {}

    /** The step's own changed parts, one clause per aspect. */
    static List<String> ofStep(String step, List<PartChange> changes) {
        List<String> clauses = new ArrayList<>();
        List<PartChange> code = only(changes, Aspect.CODE);
        if (!code.isEmpty()) {
            clauses.add("code of step " + step + " changed");
        }
        List<PartChange> config = only(changes, Aspect.CONFIG);
        if (!config.isEmpty()) {
            clauses.add("config of step " + step + ": " + config.stream().map(change -> change.describe()
                    .replaceFirst("^param\\.", "")).collect(Collectors.joining(", ")));
        }
        List<PartChange> data = only(changes, Aspect.DATA);
        if (!data.isEmpty()) {
            clauses.add("data of step " + step + ": " + data.stream().map(PartChange::describe)
                    .collect(Collectors.joining(", ")));
        }
        return clauses;
    }

    /** The run's changed environment and dependencies, as one clause, or none. */
    static List<String> ofRun(List<PartChange> changes) {
        List<String> described = new ArrayList<>();
        for (PartChange change : changes) {
            if (change.aspect() == Aspect.ENVIRONMENT) {
                described.add(change.describe());
            } else if (change.aspect() == Aspect.CODE && change.name().startsWith("jar:")) {
                described.add("dependency " + change.describe().substring("jar:".length()));
            }
        }
        return described.isEmpty() ? List.of() : List.of("environment: " + String.join("; ", described));
    }

    private static List<PartChange> only(List<PartChange> changes, Aspect aspect) {
        return changes.stream().filter(change -> change.aspect() == aspect).toList();
    }
}
