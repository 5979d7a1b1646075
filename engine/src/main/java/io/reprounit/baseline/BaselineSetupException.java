package io.reprounit.baseline;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** A baseline that cannot be checked as configured; its message says what to do, a stack trace would not. */
@API(status = INTERNAL, since = "0.1")
public final class BaselineSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BaselineSetupException(String message) {
        super(message, null, false, false);
    }
}
