package io.reprounit.artifact;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** A remote tier that cannot be opened: a setting that is wrong, or a server that refuses; the message names which. */
@API(status = INTERNAL, since = "0.1")
public final class RemoteTierException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RemoteTierException(String message) {
        super(message);
    }

    public RemoteTierException(String message, Throwable cause) {
        super(message, cause);
    }
}
