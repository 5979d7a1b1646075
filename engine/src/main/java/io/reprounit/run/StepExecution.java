package io.reprounit.run;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.Artifact;
import io.reprounit.cache.CacheLookup;
import io.reprounit.fingerprint.DataSnapshot;
import io.reprounit.fingerprint.Fingerprint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What one step did in one run: its output as an artifact, or the exception it threw, or why it did not run; and the
 * digest of every argument it received, so that a comparison can tell a step that diverged by itself from one that was
 * only fed different inputs.
 */
@API(status = INTERNAL, since = "0.1")
public final class StepExecution {

    public enum Status { SUCCEEDED, FAILED, NOT_RUN }

    private final String step;
    private final Status status;
    private final Map<String, String> argumentDigests;
    private final @Nullable Artifact output;
    private final @Nullable Throwable failure;
    private final @Nullable String notRunReason;
    private final Duration duration;
    private final Fingerprint fingerprint;
    private final @Nullable CacheLookup cache;
    private final List<DataSnapshot> dataSnapshots;

    private StepExecution(String step, Status status, Map<String, String> argumentDigests, @Nullable Artifact output,
            @Nullable Throwable failure, @Nullable String notRunReason, Duration duration, Fingerprint fingerprint) {
        this(step, status, argumentDigests, output, failure, notRunReason, duration, fingerprint, null, List.of());
    }

    private StepExecution(String step, Status status, Map<String, String> argumentDigests, @Nullable Artifact output,
            @Nullable Throwable failure, @Nullable String notRunReason, Duration duration, Fingerprint fingerprint,
            @Nullable CacheLookup cache, List<DataSnapshot> dataSnapshots) {
        this.step = requireNonNull(step);
        this.status = requireNonNull(status);
        this.argumentDigests = Map.copyOf(argumentDigests);
        this.output = output;
        this.failure = failure;
        this.notRunReason = notRunReason;
        this.duration = requireNonNull(duration);
        this.fingerprint = requireNonNull(fingerprint);
        this.cache = cache;
        this.dataSnapshots = List.copyOf(dataSnapshots);
    }

    /** A step served from the cache: not run, its output that of the check the hit names, read back. */
    static StepExecution cached(String step, Map<String, String> arguments, Artifact output, Duration duration,
            Fingerprint fingerprint, CacheLookup.Hit hit) {
        return new StepExecution(step, Status.SUCCEEDED, arguments, requireNonNull(output), null, null, duration,
                fingerprint, hit, List.of());
    }

    /** This execution, with what the cache answered before it ran. */
    StepExecution asked(CacheLookup lookup) {
        return new StepExecution(step, status, argumentDigests, output, failure, notRunReason, duration, fingerprint,
                requireNonNull(lookup), dataSnapshots);
    }

    /** This execution with what was kept of its data sources before the step ran. */
    StepExecution withDataSnapshots(List<DataSnapshot> snapshots) {
        return snapshots.isEmpty() && dataSnapshots.isEmpty() ? this : new StepExecution(step, status, argumentDigests,
                output, failure, notRunReason, duration, fingerprint, cache, snapshots);
    }

    static StepExecution succeeded(String step, Map<String, String> arguments, Artifact output, Duration duration,
            Fingerprint fingerprint) {
        return new StepExecution(step, Status.SUCCEEDED, arguments, requireNonNull(output), null, null, duration,
                fingerprint);
    }

    static StepExecution failed(String step, Map<String, String> arguments, Throwable failure, Duration duration,
            Fingerprint fingerprint) {
        return new StepExecution(step, Status.FAILED, arguments, null, requireNonNull(failure), null, duration,
                fingerprint);
    }

    static StepExecution notRun(String step, String reason, Fingerprint fingerprint) {
        return new StepExecution(step, Status.NOT_RUN, Map.of(), null, null, requireNonNull(reason), Duration.ZERO,
                fingerprint);
    }

    public String step() {
        return step;
    }

    public Status status() {
        return status;
    }

    /** Argument label, such as {@code @Input("load")}, to the digest of what the step received there. */
    public Map<String, String> argumentDigests() {
        return argumentDigests;
    }

    public Optional<Artifact> output() {
        return Optional.ofNullable(output);
    }

    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public Optional<String> notRunReason() {
        return Optional.ofNullable(notRunReason);
    }

    public Duration duration() {
        return duration;
    }

    /** What this step depended on: its code, its configuration and the data it read. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /** What the step cache answered before this step ran, where it was asked. */
    public Optional<CacheLookup> cache() {
        return Optional.ofNullable(cache);
    }

    /** The check whose output this execution was served, where the cache served it rather than running the step. */
    public Optional<Long> cachedFrom() {
        return cache instanceof CacheLookup.Hit hit ? Optional.of(hit.checkId()) : Optional.empty();
    }

    /** What the artifact store kept of each data source the step read, or why not; empty where nothing was kept. */
    public List<DataSnapshot> dataSnapshots() {
        return dataSnapshots;
    }

    @Override
    public String toString() {
        return step + " " + status + (output != null ? " " + output.digest() : "");
    }
}
