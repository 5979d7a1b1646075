package io.reprounit.artifact;

/** Why a stored value does not fit the type it is read back as; becomes an {@link ArtifactReadException}. */
final class ReadFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ReadFailure(String message) {
        super(message);
    }

    ReadFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
