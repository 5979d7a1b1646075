package io.reprounit.store;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Instant;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A step in one check of its pipeline's history: {@code event} says what happened there (first recorded, output changed,
 * bytes changed, bytes vary, diverged, failed, reproduced, … or latest); {@code run} is the id of the run whose output
 * digest is shown. {@code bytes} is the digest of that output's exact bytes, {@code varies} where the check's runs gave
 * different bytes, or null where the store did not record it.
 */
@API(status = INTERNAL, since = "0.1")
public record HistoryEntry(long check, String run, Instant started, @Nullable String commit, String step,
        String verdict, @Nullable String output, @Nullable String bytes, String event) {}
