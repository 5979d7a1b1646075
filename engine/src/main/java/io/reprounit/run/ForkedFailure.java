package io.reprounit.run;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a step threw in a forked JVM, brought back to this one: the original exception's class name, message, stack
 * and causes. Its class may not even load here, so it is not recreated; {@link #toString()} reads as the original's.
 */
@API(status = INTERNAL, since = "0.1")
public final class ForkedFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String originalClass;

    ForkedFailure(String originalClass, @Nullable String message, @Nullable Throwable cause) {
        super(message, cause);
        this.originalClass = requireNonNull(originalClass);
    }

    /** The class name of the exception the step threw. */
    public String originalClass() {
        return originalClass;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message != null ? originalClass + ": " + message : originalClass;
    }
}
