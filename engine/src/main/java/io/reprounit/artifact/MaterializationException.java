package io.reprounit.artifact;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** A value that cannot be put in canonical form; the message names its type and where it sits in the output. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MaterializationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MaterializationException(String message) {
        super(message);
    }

    MaterializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
