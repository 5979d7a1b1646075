package io.reprounit.store;

import io.reprounit.fingerprint.Fingerprint;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A step execution as the store holds it, with the verdict its check reached on the step, where the check ended. */
public record StoredStep(String step, String status, @Nullable String verdict, long durationNanos,
        @Nullable String output, @Nullable Long size, @Nullable String mediaType, @Nullable String problem,
        Map<String, String> inputs, Fingerprint fingerprint) {

    public StoredStep {
        inputs = Map.copyOf(inputs);
    }
}
