package io.reprounit.compare;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** What a check concluded about one step. */
@API(status = INTERNAL, since = "0.1")
public enum Verdict {
    /** The same output in every run. */
    REPRODUCED,
    /** Identical inputs in every run, different outputs: the step itself is nondeterministic. */
    DIVERGED,
    /** An input already differed, because an upstream step diverged; this step is not to blame. */
    TAINTED,
    /** Against a baseline: the output differs and a changed part (code, config, data, environment) explains it. */
    CHANGED,
    /** The step threw in at least one run. */
    FAILED,
    /** The step could not run, because a step it needs failed. */
    NOT_RUN
}
