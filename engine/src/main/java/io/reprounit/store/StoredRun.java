package io.reprounit.store;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.fingerprint.Fingerprint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A run as the store holds it: {@code status} is INCOMPLETE until the run was written whole, then COMPLETE; {@code host}
 * is the machine its check ran on, null for checks recorded before schema version 9.
 */
@API(status = INTERNAL, since = "0.1")
public record StoredRun(String id, String pipeline, String mode, String status, Instant started,
        @Nullable Instant finished, @Nullable String commit, @Nullable String host,
        @Nullable String configText, Fingerprint fingerprint,
        List<StoredStep> steps) {

    public StoredRun {
        steps = List.copyOf(steps);
    }

    public Optional<StoredStep> step(String name) {
        return steps.stream().filter(step -> step.step().equals(name)).findFirst();
    }
}
