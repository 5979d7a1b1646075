package io.reprounit.baseline;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** A baseline file that cannot be read; the message names the file, the line where known, and what to do. */
@API(status = INTERNAL, since = "0.1")
public final class BaselineFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BaselineFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    BaselineFormatException(String message) {
        super(message);
    }
}
