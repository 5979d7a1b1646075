package io.reprounit.store;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One check as {@code runs} lists it. {@code outcome} is INCOMPLETE until the check ends, then REPRODUCED or the verdict
 * of its culprit step (DIVERGED, FAILED, …); {@code runs} are the ids of its runs, such as {@code 17.1}.
 */
@API(status = INTERNAL, since = "0.1")
public record CheckSummary(long id, String pipeline, Instant started, @Nullable Instant finished, String mode,
        String outcome, @Nullable String commit, @Nullable String culprit, List<String> runs) {

    public CheckSummary {
        runs = List.copyOf(runs);
    }
}
