package io.reprounit.store;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.run.Run;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;

/** What the store keeps of one run: when it ran, its run-level fingerprint and every step it executed. */
@API(status = INTERNAL, since = "0.1")
public record RecordedRun(int number, Instant started, Instant finished, Fingerprint fingerprint,
        List<RecordedStep> steps) {

    public RecordedRun {
        requireNonNull(started);
        requireNonNull(finished);
        requireNonNull(fingerprint);
        steps = List.copyOf(steps);
    }

    public static RecordedRun of(Run run) {
        return new RecordedRun(run.number(), run.started(), run.finished(), run.fingerprint(),
                run.executions().stream().map(RecordedStep::of).toList());
    }
}
