package io.reprounit.cli;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.ArtifactCondition;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.store.StoredRun;
import io.reprounit.store.StoredStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Whether the outputs that {@code show} and {@code diff} name are still intact in the artifact store: each kept one is
 * read whole, once, so that a command that shows a digest also says when its file is damaged or gone, without failing.
 */
final class OutputConditions {

    private final ArtifactStore artifacts;
    private final Map<String, ArtifactCondition> read = new HashMap<>();

    OutputConditions(ArtifactStore artifacts) {
        this.artifacts = requireNonNull(artifacts);
    }

    /** The condition of the step's output; null where the store does not keep it, so there is nothing to read. */
    @Nullable ArtifactCondition of(StoredStep step) {
        String output = step.output();
        if (output == null || step.keptAt() == null) {
            return null;
        }
        return read.computeIfAbsent(output, artifacts::condition);
    }

    /** The step's output digest as a table shows it, marked where its file is damaged or missing. */
    String digest(@Nullable StoredStep step) {
        if (step == null) {
            return Formats.digest(null);
        }
        ArtifactCondition condition = of(step);
        return Formats.digest(step.output()) + (condition == null || condition.isIntact() ? ""
                : " " + condition.state().label().toUpperCase(java.util.Locale.ROOT));
    }

    /** One line per output of these runs whose file is damaged or missing, saying which, where and what is wrong. */
    List<String> problems(StoredRun... runs) {
        List<String> lines = new ArrayList<>();
        for (StoredRun run : runs) {
            for (StoredStep step : run.steps()) {
                ArtifactCondition condition = of(step);
                if (condition == null || condition.isIntact()) {
                    continue;
                }
                String what = "Run " + run.id() + ", step " + step.step() + ": its output " + condition.digest()
                        + " is ";
                lines.add(Formats.text(what + (condition.state() == ArtifactCondition.State.MISSING
                        ? "missing from the artifact store " + artifacts.root()
                        : "damaged: its file " + condition.file() + " " + condition.damage()) + "."));
            }
        }
        if (!lines.isEmpty()) {
            lines.add("`reprounit verify` checks every artifact; the next check that produces an output writes its file"
                    + " again.");
        }
        return lines;
    }

    /** The JSON fields for the step's output file: its state and what is wrong, both null where it is not kept. */
    void json(Json.Fields fields, String prefix, @Nullable StoredStep step) {
        ArtifactCondition condition = step == null ? null : of(step);
        fields.put(prefix, condition == null ? null : condition.state().label())
                .put(prefix + "Problem", condition == null ? null : condition.problem());
    }
}
