package io.reprounit.store;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Instant;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Where one kind of history event (such as {@code diverged} or {@code bytes vary}) first happened to a step, with that
 * check's commit and start, how often it happened, and the latest check where it did.
 */
@API(status = INTERNAL, since = "0.1")
public record FirstEvent(String step, String event, long check, @Nullable String commit, Instant started, int times,
        long latestCheck) {}
