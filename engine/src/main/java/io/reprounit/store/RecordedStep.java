package io.reprounit.store;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.Artifact;
import io.reprounit.fingerprint.DataSnapshot;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.run.StepExecution;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What the store keeps of one step execution: its status, duration, the digest of every input, its output, why it failed
 * or did not run, its fingerprint, what was kept of each data source it read, and the check it was served from where
 * the step cache served it.
 */
@API(status = INTERNAL, since = "0.1")
public record RecordedStep(
        String step,
        StepExecution.Status status,
        Duration duration,
        Map<String, String> inputs,
        @Nullable Artifact output,
        @Nullable String problem,
        Fingerprint fingerprint,
        List<DataSnapshot> dataSnapshots,
        @Nullable Long cachedFrom) {

    public RecordedStep {
        requireNonNull(step);
        requireNonNull(status);
        requireNonNull(duration);
        inputs = Map.copyOf(inputs);
        requireNonNull(fingerprint);
        dataSnapshots = List.copyOf(dataSnapshots);
    }

    /** A step that ran, not served from the cache, and kept none of its data sources. */
    public RecordedStep(String step, StepExecution.Status status, Duration duration, Map<String, String> inputs,
            @Nullable Artifact output, @Nullable String problem, Fingerprint fingerprint) {
        this(step, status, duration, inputs, output, problem, fingerprint, List.of(), null);
    }

    static RecordedStep of(StepExecution execution) {
        String problem = execution.failure().map(Throwable::toString)
                .orElse(execution.notRunReason().orElse(null));
        return new RecordedStep(execution.step(), execution.status(), execution.duration(),
                execution.argumentDigests(), execution.output().orElse(null), problem,
                execution.fingerprint(), execution.dataSnapshots(), execution.cachedFrom().orElse(null));
    }
}
