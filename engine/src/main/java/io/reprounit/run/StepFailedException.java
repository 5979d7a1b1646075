package io.reprounit.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** Wraps what a step threw when the step could not even be called, for example because its class cannot be created. */
@API(status = INTERNAL, since = "0.1")
public final class StepFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StepFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
