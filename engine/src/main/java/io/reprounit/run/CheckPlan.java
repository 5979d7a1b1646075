package io.reprounit.run;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.api.Isolation;
import io.reprounit.api.Variation;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * How one pipeline's check produces its runs: in this JVM or forked, with which variations, how long a forked run may
 * take, and how often a diverged step is replayed.
 *
 * @param isolation      {@link Isolation#SAME_JVM} or {@link Isolation#FORKED}, never {@code CONFIGURED}
 * @param timeoutSetting where the timeout came from, for the message that reports a killed run
 * @param seed           what the random experiment values (shuffles, identity-hash advances) derive from, recorded
 *                       with the check so that a failure can be replayed with {@code reprounit.vary.seed}
 */
@API(status = INTERNAL, since = "0.1")
public record CheckPlan(Isolation isolation, Set<Variation> variations, Duration timeout, String timeoutSetting,
        int replay, long seed) {

    public CheckPlan {
        requireNonNull(isolation);
        variations = variations.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(variations));
        requireNonNull(timeout);
        requireNonNull(timeoutSetting);
        if (isolation == Isolation.CONFIGURED) {
            throw new IllegalArgumentException("A plan says where runs execute: SAME_JVM or FORKED");
        }
        if (isolation == Isolation.SAME_JVM && !variations.isEmpty()) {
            throw new IllegalArgumentException("Variations need forked runs");
        }
    }

    /** Same JVM, no variations: what a check does unless asked otherwise. */
    public static CheckPlan sameJvm() {
        return new CheckPlan(Isolation.SAME_JVM, Set.of(), RunSettings.DEFAULT_TIMEOUT, "the default",
                RunSettings.DEFAULT_REPLAY, 0);
    }

    public boolean isForked() {
        return isolation == Isolation.FORKED;
    }

    /** The variations in their declared order, so that messages and run conditions list them the same way each time. */
    public EnumSet<Variation> orderedVariations() {
        return variations.isEmpty() ? EnumSet.noneOf(Variation.class) : EnumSet.copyOf(variations);
    }
}
