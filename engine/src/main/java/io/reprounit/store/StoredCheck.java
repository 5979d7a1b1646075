package io.reprounit.store;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A check as the store holds it: its pipeline, its outcome ({@code status}: INCOMPLETE, REPRODUCED or its culprit's
 * verdict), the recorded check it was compared with where it was made with {@code reprounit.against}, and its runs in
 * order, complete or not, each with its steps.
 */
@API(status = INTERNAL, since = "0.1")
public record StoredCheck(long id, String pipeline, String pipelineClass, String status, @Nullable Long against,
        List<StoredRun> runs) {

    public StoredCheck {
        runs = List.copyOf(runs);
    }

    /** The runs that were written whole: only they say what every step gave. */
    public List<StoredRun> completeRuns() {
        return runs.stream().filter(run -> run.status().equals(RunWriter.COMPLETE)).toList();
    }

    public Optional<Long> againstCheck() {
        return Optional.ofNullable(against);
    }
}
