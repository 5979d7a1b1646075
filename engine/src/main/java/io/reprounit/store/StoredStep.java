package io.reprounit.store;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.fingerprint.DataSnapshot;
import io.reprounit.fingerprint.Fingerprint;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A step execution as the store holds it, with the verdict its check reached on the step, where the check ended.
 * {@code output} is the semantic digest of its output; {@code bytes} the digest of the output's exact bytes, null where
 * the store did not record it (steps recorded before schema version 3). {@code keptAt} is where the artifact store keeps
 * the output, relative to its root, with the file's {@code codec} ({@code raw} or {@code zstd}) and {@code storedSize};
 * {@code notKept} is why it is not kept, where the store recorded why (schema version 4 on). {@code dataSnapshots}: what
 * the artifact store kept of each data source the step read (schema version 5 on; none before). {@code cachedFrom} is
 * the check whose output the step cache served instead of running the step (schema version 6 on).
 */
@API(status = INTERNAL, since = "0.1")
public record StoredStep(String step, String status, @Nullable String verdict, long durationNanos,
        @Nullable String output, @Nullable String bytes, @Nullable Long size, @Nullable String mediaType, @Nullable String problem,
        Map<String, String> inputs, Fingerprint fingerprint, @Nullable String keptAt, @Nullable String codec,
        @Nullable Long storedSize, @Nullable String notKept, List<DataSnapshot> dataSnapshots,
        @Nullable Long cachedFrom) {

    public StoredStep {
        inputs = Map.copyOf(inputs);
        dataSnapshots = List.copyOf(dataSnapshots);
    }

    /** A step with no data snapshots recorded. */
    public StoredStep(String step, String status, @Nullable String verdict, long durationNanos, @Nullable String output,
            @Nullable String bytes, @Nullable Long size, @Nullable String mediaType, @Nullable String problem,
            Map<String, String> inputs, Fingerprint fingerprint, @Nullable String keptAt, @Nullable String codec,
            @Nullable Long storedSize, @Nullable String notKept) {
        this(step, status, verdict, durationNanos, output, bytes, size, mediaType, problem, inputs, fingerprint, keptAt,
                codec, storedSize, notKept, List.of(), null);
    }

    /** Whether the output's exact bytes are known to differ from its compared form: normalizers left something out. */
    public boolean isNormalized() {
        return output != null && bytes != null && !bytes.equals(output);
    }
}
