package io.reprounit.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Why a step of a forked run has no result of its own: the run was killed past its timeout, its JVM died, or it could
 * not read the pipeline. The message says which run, which step and what to do.
 */
@API(status = INTERNAL, since = "0.1")
public final class ForkedRunException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ForkedRunException(String message) {
        super(message, null, false, false);
    }

    @Override
    public String toString() {
        return String.valueOf(getMessage());
    }
}
