package io.reprounit.run;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * What a check found out about a step beyond its verdict, by kind, so that a report or an assertion can ask for it
 * rather than parse the explanation: which variation makes it differ, what replaying it alone gave, how to accept a
 * change against its baseline. The explanation a person reads ends with the findings' texts.
 */
@API(status = INTERNAL, since = "0.1")
public record Finding(Kind kind, String text) {

    public enum Kind {
        /** Which variation the step differs under, found by searching the variations. */
        VARIATION,
        /** What replaying the step alone on the control run's inputs gave: one output, or several. */
        REPLAY,
        /** The command that accepts a change against the baseline. */
        BASELINE
    }

    public Finding {
        requireNonNull(kind);
        requireNonNull(text);
    }

    /** The findings as the explanation says them: in order, separated by semicolons. */
    public static String sentences(List<Finding> findings) {
        return findings.stream().map(Finding::text).collect(Collectors.joining("; "));
    }
}
