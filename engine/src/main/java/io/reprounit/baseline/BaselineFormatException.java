package io.reprounit.baseline;

/** A baseline file that cannot be read; the message names the file, the line where known, and what to do. */
public final class BaselineFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BaselineFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    BaselineFormatException(String message) {
        super(message);
    }
}
