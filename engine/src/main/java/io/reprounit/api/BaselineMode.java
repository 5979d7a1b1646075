package io.reprounit.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * How a pipeline is checked against its recorded baseline, a YAML file committed beside the tests. On CI (environment
 * variable {@code CI=true}) every mode but {@link #NONE} becomes {@link #VERIFY}, and {@link #UPDATE} is an error.
 */
@API(status = STABLE, since = "0.1")
public enum BaselineMode {

    /** As configuration parameter {@code reprounit.baseline.mode} says; {@link #RECORD_MISSING} where it says nothing. */
    CONFIGURED,

    /** Compare with the baseline; a difference or a missing baseline fails. */
    VERIFY,

    /** Write or overwrite the baseline and pass. */
    UPDATE,

    /** Write the baseline where there is none; verify it where there is one. */
    RECORD_MISSING,

    /** Compare the runs with each other only. */
    NONE
}
