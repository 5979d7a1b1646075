package io.reprounit.run;

/** Wraps what a step threw when the step could not even be called, for example because its class cannot be created. */
public final class StepFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StepFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
