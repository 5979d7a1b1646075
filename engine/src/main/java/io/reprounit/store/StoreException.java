package io.reprounit.store;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The metadata store cannot do what was asked: it cannot be opened, was written by a newer ReproUnit, or has no such run.
 * The message says which setting to change or what to do; the store itself is left as it was.
 */
@API(status = INTERNAL, since = "0.1")
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
