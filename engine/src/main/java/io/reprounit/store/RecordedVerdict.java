package io.reprounit.store;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A step's verdict as the store keeps it: by name, as its {@code verdicts} table holds it, so that the store depends
 * on no comparison type; the check maps its verdicts into these when it records them.
 *
 * @param verdict the name of the verdict: REPRODUCED, DIVERGED, TAINTED, CHANGED, FAILED or NOT_RUN
 */
@API(status = INTERNAL, since = "0.1")
public record RecordedVerdict(String step, String verdict, String explanation, List<String> culprits) {

    static final String REPRODUCED = "REPRODUCED";
    static final String FAILED = "FAILED";

    /** In order of precedence: a check's outcome is the first of these that a step got. */
    static final List<String> OUTCOMES = List.of("DIVERGED", FAILED, "CHANGED", "TAINTED", "NOT_RUN");

    public RecordedVerdict {
        requireNonNull(step);
        requireNonNull(verdict);
        requireNonNull(explanation);
        culprits = List.copyOf(culprits);
    }
}
