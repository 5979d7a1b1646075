package io.reprounit.engine;

/** Throws what a check found as it was found, for a node to report: the executor turns it into the test result. */
final class Failures {

    private Failures() {}

    /**
     * {@code failure} itself where a node may throw it; an {@link Error} is thrown here. Every throwable is one or
     * the other but for direct subclasses of {@code Throwable}, which are wrapped.
     */
    static Exception asThrowable(Throwable failure) {
        if (failure instanceof Exception exception) {
            return exception;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(failure.toString(), failure);
    }
}
