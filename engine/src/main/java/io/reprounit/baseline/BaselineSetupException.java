package io.reprounit.baseline;

/** A baseline that cannot be checked as configured; its message says what to do, a stack trace would not. */
public final class BaselineSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BaselineSetupException(String message) {
        super(message, null, false, false);
    }
}
