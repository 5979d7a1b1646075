package io.reprounit.store;

import io.reprounit.fingerprint.Fingerprint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A run as the store holds it: {@code status} is INCOMPLETE until the run was written whole, then COMPLETE. */
public record StoredRun(String id, String pipeline, String mode, String status, Instant started,
        @Nullable Instant finished, @Nullable String commit, @Nullable String configText, Fingerprint fingerprint,
        List<StoredStep> steps) {

    public StoredRun {
        steps = List.copyOf(steps);
    }

    public Optional<StoredStep> step(String name) {
        return steps.stream().filter(step -> step.step().equals(name)).findFirst();
    }
}
