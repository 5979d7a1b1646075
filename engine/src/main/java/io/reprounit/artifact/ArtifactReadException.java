package io.reprounit.artifact;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A stored output that cannot be read back as a value of its step's declared type: the artifact is missing or
 * damaged, its form does not fit the type, or the value read does not materialize to the digest it was stored under.
 * The message names the artifact, the type and what is wrong.
 */
@API(status = INTERNAL, since = "0.1")
public final class ArtifactReadException extends Exception {

    private static final long serialVersionUID = 1L;

    ArtifactReadException(String digest, java.lang.reflect.Type type, String problem, @Nullable Throwable cause) {
        super("Cannot read artifact " + digest + " back as " + type.getTypeName() + ": " + problem, cause);
    }
}
