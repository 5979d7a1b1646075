package io.reprounit.store;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One of a pipeline's latest checks as the report shows it: its outcome, where and on what it ran ({@code commit}, the
 * first run's {@code jdk}, and the {@code host} where the store records hosts, else null), its runs' numbers, and the
 * verdict on each step, in the pipeline's order.
 */
@API(status = INTERNAL, since = "0.1")
public record RecentCheck(long id, Instant started, @Nullable Instant finished, String mode, String status,
        @Nullable String commit, @Nullable String host, @Nullable String jdk, List<Integer> runs,
        List<StepVerdict> verdicts) {

    public RecentCheck {
        runs = List.copyOf(runs);
        verdicts = List.copyOf(verdicts);
    }

    /**
     * The verdict on one step: its explanation, the history event written with it (null where nothing changed), the
     * digest of its exact bytes ({@code varies} where the check's runs disagreed) and how long it took in the first run,
     * where that run recorded it.
     */
    @API(status = INTERNAL, since = "0.1")
    public record StepVerdict(String step, String verdict, String explanation, @Nullable String event,
            @Nullable String bytes, @Nullable Long durationNanos) {}
}
