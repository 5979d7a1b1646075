package io.reprounit.store;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Instant;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Where one kind of history event (such as {@code diverged} or {@code bytes vary}) first happened to a step, with that
 * check's commit and start, the step's verdict there, how often it happened, and the latest check where it did.
 */
@API(status = INTERNAL, since = "0.1")
public record FirstEvent(String step, String event, long check, @Nullable String commit, Instant started,
        String verdict, int times, long latestCheck) {

    /**
     * The event as a change of verdict: a step's first check records {@code first recorded}, whatever its verdict, so
     * one that diverged (or changed) from its first check on did so there.
     */
    public String kind() {
        if (event.equals("first recorded") && (verdict.equals("DIVERGED") || verdict.equals("CHANGED"))) {
            return verdict.toLowerCase(java.util.Locale.ROOT);
        }
        return event;
    }
}
