package io.reprounit.artifact;

/** A value that cannot be put in canonical form; the message names its type and where it sits in the output. */
public final class MaterializationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MaterializationException(String message) {
        super(message);
    }

    MaterializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
